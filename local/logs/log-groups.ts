/** One event of a log group, as FilterLogEvents answers it. */
export type LoggedEvent = { logStreamName: string; timestamp: number; ingestionTime: number; message: string; eventId: string };

/** A call CloudWatch Logs refuses, with its `__type`. */
export class LogsError extends Error {
  constructor(
    readonly type: 'ResourceNotFoundException' | 'InvalidParameterException',
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/** Events kept per log group (up to a tenth more between trims); the oldest go first. */
const KEPT = 200_000;
/** FilterLogEvents' most events in one answer, as AWS's `limit`. */
const MAX_PAGE = 10_000;
/** The one kind of filter pattern this store reads: a JSON field equal to a string, `{ $.field = "value" }`. */
const JSON_EQUALS = /^\{\s*\$\.([A-Za-z0-9_]+)\s*=\s*"([^"]*)"\s*\}$/;

/**
 * CloudWatch Logs' log groups on this machine, for what AWS services write there (a state
 * machine's execution events), read with FilterLogEvents as AWS answers it: by time, a JSON
 * field filter pattern and pages. Groups exist as the template declares them (`create`).
 */
export class LocalLogGroups {
  private readonly groups = new Map<string, LoggedEvent[]>();
  private sequence = 0;
  private ingested = 0;

  /** What CloudWatch would bill as ingested: each event's bytes and 26 bytes of metadata. */
  usage(): { ingestedBytes: number } {
    return { ingestedBytes: this.ingested };
  }

  create(logGroupName: string): void {
    if (!this.groups.has(logGroupName)) this.groups.set(logGroupName, []);
  }

  /** Writes one event (a JSON document, as services log) to a group the template declared; none to a group it did not. */
  append(logGroupName: string, logStreamName: string, document: unknown, timestamp = Date.now()): void {
    const events = this.groups.get(logGroupName);
    if (!events) return;
    const message = JSON.stringify(document);
    this.ingested += Buffer.byteLength(message) + 26;
    events.push({ logStreamName, timestamp, ingestionTime: Date.now(), message, eventId: String(++this.sequence) });
    if (events.length > KEPT * 1.1) events.splice(0, events.length - KEPT);
  }

  /** FilterLogEvents: the group's events in time order from `startTime` to `endTime`, those the pattern matches, a page at a time. */
  filter(request: { logGroupName?: string; filterPattern?: string; startTime?: number; endTime?: number; limit?: number; nextToken?: string }): { events: LoggedEvent[]; nextToken?: string } {
    const events = this.groups.get(request.logGroupName ?? '');
    if (!events) throw new LogsError('ResourceNotFoundException', 'The specified log group does not exist.');
    const matches = matcher(request.filterPattern);
    const limit = Math.min(request.limit ?? MAX_PAGE, MAX_PAGE);
    const after = request.nextToken === undefined ? 0 : Number(Buffer.from(request.nextToken, 'base64url').toString('utf8'));
    if (!Number.isSafeInteger(after)) throw new LogsError('InvalidParameterException', 'The specified nextToken is not valid.');
    const page: LoggedEvent[] = [];
    for (const event of events) {
      if (Number(event.eventId) <= after) continue;
      if (request.startTime !== undefined && event.timestamp < request.startTime) continue;
      if (request.endTime !== undefined && event.timestamp > request.endTime) continue;
      if (!matches(event.message)) continue;
      if (page.length === limit) return { events: page, nextToken: Buffer.from(page.at(-1)!.eventId).toString('base64url') };
      page.push(event);
    }
    return { events: page };
  }
}

function matcher(pattern: string | undefined): (message: string) => boolean {
  if (pattern === undefined || pattern.trim() === '') return () => true;
  const equals = JSON_EQUALS.exec(pattern.trim());
  if (!equals) throw new LogsError('InvalidParameterException', `the local CloudWatch Logs reads only the filter pattern { $.<field> = "<value>" } (got ${pattern})`);
  const [, field, value] = equals;
  return (message) => {
    try {
      return (JSON.parse(message) as Record<string, unknown>)[field!] === value;
    } catch {
      return false;
    }
  };
}

/** Answers a CloudWatch Logs API call (`X-Amz-Target: Logs_20140328.<action>`): FilterLogEvents. */
export async function handleLogsCall(groups: LocalLogGroups, action: string, body: unknown): Promise<{ status: number; body: unknown }> {
  if (action !== 'FilterLogEvents') return { status: 400, body: { __type: 'UnknownOperationException', message: `the local CloudWatch Logs does not implement ${action}` } };
  try {
    return { status: 200, body: groups.filter((body ?? {}) as Parameters<LocalLogGroups['filter']>[0]) };
  } catch (error) {
    if (error instanceof LogsError) return { status: 400, body: { __type: error.type, message: error.message } };
    throw error;
  }
}
