import { DescribeExecutionCommand, ExecutionAlreadyExists, ExecutionDoesNotExist, ListExecutionsCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { executionArnOf } from '../saga/saga-report';
import type { Checkpoints } from './checkpoints';

/** What a reconciler found wrong with one thing (`about`), and whether it put it right. */
export type Finding<About> = About & { repaired: boolean; error?: string };

/**
 * Runs one repair and records it: found and repaired when it did something, found and not
 * repaired (with the error) when it threw, nothing when there was nothing to do.
 */
export function findingsRecorder<About extends object>(): { findings: Finding<About>[]; attempt: (about: About, repair: () => Promise<boolean>) => Promise<void> } {
  const findings: Finding<About>[] = [];
  return {
    findings,
    attempt: async (about, repair) => {
      try {
        if (await repair()) findings.push({ ...about, repaired: true });
      } catch (error) {
        findings.push({ ...about, repaired: false, error: String(error) });
      }
    },
  };
}

/** A view to search by status: its table, status index, id attribute and the sort key a lookback applies to. */
export type StatusIndex = { table: string; index: string; id: string; since: string; wanted?: string[] };
/** A row found by status: its id and when it last changed. */
export type ViewRow = { id: string; updatedAt: string };

/** The rows of a view in a status, whose `since` attribute is at or after `since`, every page (only the `wanted` ids when given). */
export async function rowsInStatus(client: DynamoDBDocumentClient, view: StatusIndex, status: string, since: string): Promise<ViewRow[]> {
  const rows: ViewRow[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await statusPage(client, view, status, since, startKey);
    rows.push(...page.rows);
    startKey = page.next;
  } while (startKey);
  return rows;
}

/** One page of a view's rows in a status from `startKey` (the `wanted` ids only, when given), and the key of the next. */
async function statusPage(client: DynamoDBDocumentClient, view: StatusIndex, status: string, since: string, startKey: Record<string, unknown> | undefined, limit?: number): Promise<{ rows: ViewRow[]; next?: Record<string, unknown> }> {
  const page = await client.send(
    new QueryCommand({
      TableName: view.table,
      IndexName: view.index,
      KeyConditionExpression: '#status = :status AND #since >= :since',
      ExpressionAttributeNames: { '#status': 'status', '#since': view.since },
      ExpressionAttributeValues: { ':status': status, ':since': since },
      ExclusiveStartKey: startKey,
      Limit: limit,
    }),
  );
  const wanted = view.wanted && new Set(view.wanted);
  const rows = (page.Items ?? []).map((item) => ({ id: String(item[view.id]), updatedAt: String(item.updatedAt) })).filter((row) => !wanted || wanted.has(row.id));
  return { rows, ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey } : {}) };
}

/** How a long check of a reconciler pages: where it keeps its place, until when it may run, how many rows at once. */
export type PagedCheckOptions = {
  /** The check's name in `checkpoints`; with no checkpoints it reads from the start to the end. */
  check: string;
  checkpoints?: Checkpoints;
  /** Epoch milliseconds after which no new page is started (the run's time budget). */
  deadline?: number;
  /** Rows visited at once. Default 8. */
  concurrency?: number;
  /** Rows per page. Default: DynamoDB's (1 MB). */
  pageSize?: number;
};

/**
 * Visits the rows of a view in a status (as {@link rowsInStatus} finds them) a page at a time,
 * `concurrency` rows at once, from where the check's last run stopped. After each page the
 * place is kept, so a run that ends (its budget spent, or killed) loses at most the page it was
 * on; past `deadline` it stops and says it did not finish. At the end it forgets its place and
 * the next run starts over. So each run ends within its budget whatever the volume, and runs
 * after runs cover the whole window.
 */
export async function pagedCheck(client: DynamoDBDocumentClient, view: StatusIndex, status: string, since: string, options: PagedCheckOptions, visit: (row: ViewRow) => Promise<void>): Promise<{ rows: number; finished: boolean }> {
  const everyRow = view.wanted === undefined;
  let startKey = everyRow ? await options.checkpoints?.cursorOf(options.check) : undefined;
  let rows = 0;
  do {
    const page = await statusPage(client, view, status, since, startKey, options.pageSize);
    await inParallel(page.rows, options.concurrency ?? 8, visit);
    rows += page.rows.length;
    startKey = page.next;
    if (everyRow) await options.checkpoints?.save(options.check, startKey);
  } while (startKey && (options.deadline === undefined || Date.now() < options.deadline));
  return { rows, finished: startKey === undefined };
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Whether the state machine has an execution named `name` (a saga is named by what it is about). */
export async function hasExecution(sfn: SFNClient, stateMachineArn: string, name: string): Promise<boolean> {
  try {
    await sfn.send(new DescribeExecutionCommand({ executionArn: executionArnOf(stateMachineArn, name) }));
    return true;
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return false;
    throw error;
  }
}

/** How an execution can end with its saga's work possibly left undone: failed (a compensation that failed), timed out or stopped by hand. */
export type StrandingStatus = 'FAILED' | 'TIMED_OUT' | 'ABORTED';
const STRANDING: ReadonlySet<string> = new Set<StrandingStatus>(['FAILED', 'TIMED_OUT', 'ABORTED']);

/** How the execution named `name` ended, when it ended in a way that may leave work undone; undefined while it runs, when it succeeded or does not exist. */
export async function strandedExecution(sfn: SFNClient, stateMachineArn: string, name: string): Promise<StrandingStatus | undefined> {
  try {
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn: executionArnOf(stateMachineArn, name) }));
    return status && STRANDING.has(status) ? (status as StrandingStatus) : undefined;
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  }
}

/** Those of `names` whose saga execution is still running (a compensation may still be retrying): a reconciler leaves them be. */
export async function runningExecutions(sfn: SFNClient, stateMachineArn: string, names: readonly string[]): Promise<string[]> {
  const described = await Promise.all(
    names.map(async (name) => {
      try {
        const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn: executionArnOf(stateMachineArn, name) }));
        return status === 'RUNNING' ? name : undefined;
      } catch (error) {
        if (error instanceof ExecutionDoesNotExist) return undefined;
        throw error;
      }
    }),
  );
  return described.filter((name): name is string => name !== undefined);
}

/**
 * The executions that ended in a way that may leave work undone, started at or after `since`:
 * Step Functions lists them by status, newest first, a page at a time, so a run reads only
 * the few that failed, timed out or were aborted, however many succeeded. With `wanted`, only
 * those (an operator looking at a few), each described.
 */
export async function strandedExecutions(sfn: SFNClient, stateMachineArn: string, options: { since: string; wanted?: string[] }): Promise<{ name: string; status: StrandingStatus }[]> {
  if (options.wanted) {
    const described = await Promise.all(options.wanted.map(async (name) => ({ name, status: await strandedExecution(sfn, stateMachineArn, name) })));
    return described.filter((e): e is { name: string; status: StrandingStatus } => e.status !== undefined);
  }
  const found: { name: string; status: StrandingStatus }[] = [];
  const since = Date.parse(options.since);
  for (const status of STRANDING as ReadonlySet<StrandingStatus>) {
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: status, maxResults: 100, nextToken }));
      const recent = (page.executions ?? []).filter((e) => e.startDate && e.startDate.getTime() >= since);
      found.push(...recent.map((e) => ({ name: String(e.name), status })));
      // Newest first: a page reaching past `since` is the last one worth reading.
      nextToken = recent.length === (page.executions ?? []).length ? page.nextToken : undefined;
    } while (nextToken);
  }
  return found;
}

/** Starts the execution named `name`; false when it exists already (started meanwhile by the starter). */
export async function startOnce(sfn: SFNClient, stateMachineArn: string, name: string, input: unknown): Promise<boolean> {
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    return true;
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return false;
    throw error;
  }
}

/** One minute, in milliseconds. */
export const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * What a reconciler run looks at: things that changed since `lookbackMs` ago (default 7 days),
 * and, of those waiting for a saga, the ones left waiting past `sagaGraceMs` (default 5 minutes).
 */
export function reconcileWindow(options: { now?: Date; lookbackMs?: number; sagaGraceMs?: number }): { now: Date; since: string; overdue: (row: ViewRow) => boolean } {
  const now = options.now ?? new Date();
  const graceMs = options.sagaGraceMs ?? 5 * MINUTE;
  return {
    now,
    since: new Date(now.getTime() - (options.lookbackMs ?? 7 * DAY)).toISOString(),
    overdue: (row) => now.getTime() - Date.parse(row.updatedAt) >= graceMs,
  };
}
