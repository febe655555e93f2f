import { QueryCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The index of the runs table by status and start: the reconciler's way to the runs that ended badly. */
export const SAGA_RUNS_BY_STATUS = 'byStatus';
/** An Express saga's runs table is named after its state machine: `<state machine name>-runs` (GET /sagas finds it by the saga's name). */
export const SAGA_RUNS_TABLE_SUFFIX = '-runs';
/** How long an Express execution may run: a run still RUNNING after it has timed out. */
export const EXPRESS_LIMIT_MS = 5 * 60_000;

/**
 * The states an Express saga's definition runs inside (lib/platform/saga-state-machine.ts):
 * the run's own, never part of the saga's path.
 */
export const RUN_STATES = {
  claim: 'ClaimStart',
  startedAlready: 'StartedAlready',
  saga: 'Saga',
  recordSucceeded: 'RecordSagaSucceeded',
  recordFailed: 'RecordSagaFailed',
  failed: 'SagaFailed',
} as const;

/**
 * An Express saga's own record of one run, keyed by what the saga is about (`sagaId`, the
 * execution's name). The state machine writes it: its first state puts it (RUNNING), only if
 * there is none, which is what makes a start exactly-once when Express starts at least once;
 * its last states set SUCCEEDED or FAILED (with the error and cause). Its steps and output are
 * in the execution's log (execution-log.ts). A run RUNNING past Express's 5 minutes
 * timed out.
 */
export type SagaRun = {
  sagaId: string;
  executionArn: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  startedAt: string;
  /** What the saga failed with, once it failed (its output, once it succeeded, is in the execution's log). */
  error?: string;
  cause?: string;
};

export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';

/** A run as the listing names it. */
export type ListedRun = { sagaId: string; status: RunStatus; startedAt: string };
/**
 * Where a listing stopped in each stream of runs it reads (by stored status): the last run it
 * gave of that stream (`<startedAt> <sagaId>`), or '' once the stream is read to its end.
 */
export type RunsPosition = Record<string, string>;

/** The run's status as a reader sees it at `now`: a run RUNNING past the limit has timed out (Express ended it). */
export function runStatus(run: Pick<SagaRun, 'status' | 'startedAt'>, now: number, limitMs = EXPRESS_LIMIT_MS): RunStatus {
  return run.status === 'RUNNING' && now - Date.parse(run.startedAt) > limitMs ? 'TIMED_OUT' : run.status;
}

/** The runs table of one saga. */
export class SagaRuns {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly limitMs = EXPRESS_LIMIT_MS,
  ) {}

  async get(sagaId: string): Promise<SagaRun | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { sagaId }, ConsistentRead: true }));
    return Item as SagaRun | undefined;
  }

  async status(sagaId: string, now = Date.now()): Promise<RunStatus | undefined> {
    const run = await this.get(sagaId);
    return run && runStatus(run, now, this.limitMs);
  }

  /** The runs started at or after `since` that failed, or timed out (RUNNING past the limit), by the status index. */
  async strandedSince(since: string, now = Date.now()): Promise<{ name: string; status: 'FAILED' | 'TIMED_OUT' }[]> {
    const timedOutBefore = new Date(now - this.limitMs).toISOString();
    const failed = await this.idsInStatus('FAILED', since, undefined);
    const timedOut = since <= timedOutBefore ? await this.idsInStatus('RUNNING', since, timedOutBefore) : [];
    return [...failed.map((name) => ({ name, status: 'FAILED' as const })), ...timedOut.map((name) => ({ name, status: 'TIMED_OUT' as const }))];
  }

  /**
   * A page of runs, newest first, as ListExecutions pages a Standard saga's: all of them, or those
   * of one status (TIMED_OUT: RUNNING past the limit; ABORTED: none, Express cannot be stopped).
   * Each stored status is a stream read newest first from the status index; the page takes the
   * newest of their heads, and `next` says where each stream stopped.
   */
  async page(options: { status?: RunStatus | 'ABORTED'; limit: number; after?: RunsPosition; now?: number }): Promise<{ items: ListedRun[]; next?: RunsPosition }> {
    const cut = new Date((options.now ?? Date.now()) - this.limitMs).toISOString();
    const streams: Record<string, { status: string; bound?: string }> = {
      RUNNING: { status: 'RUNNING', ...(options.status === 'RUNNING' ? { bound: `startedAt >= :cut` } : {}) },
      TIMED_OUT: { status: 'RUNNING', bound: 'startedAt < :cut' },
      SUCCEEDED: { status: 'SUCCEEDED' },
      FAILED: { status: 'FAILED' },
    };
    const wanted = options.status === undefined ? ['RUNNING', 'SUCCEEDED', 'FAILED'] : options.status === 'ABORTED' ? [] : [options.status];
    const heads = await Promise.all(
      wanted.map(async (name) => {
        const at = options.after?.[name];
        if (at === '') return { name, items: [] as ListedRun[], done: true };
        const stream = streams[name]!;
        const [startedAt, sagaId] = at === undefined ? [] : [at.slice(0, at.indexOf(' ')), at.slice(at.indexOf(' ') + 1)];
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: SAGA_RUNS_BY_STATUS,
            KeyConditionExpression: `#status = :status${stream.bound ? ` AND ${stream.bound}` : ''}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': stream.status, ...(stream.bound ? { ':cut': cut } : {}) },
            ScanIndexForward: false,
            Limit: options.limit,
            ...(at === undefined ? {} : { ExclusiveStartKey: { sagaId, status: stream.status, startedAt } }),
          }),
        );
        const items = (page.Items ?? []).map((item) => ({ sagaId: String(item.sagaId), startedAt: String(item.startedAt), status: runStatus({ status: stream.status as SagaRun['status'], startedAt: String(item.startedAt) }, options.now ?? Date.now(), this.limitMs) }));
        return { name, items, done: page.LastEvaluatedKey === undefined };
      }),
    );
    const merged = heads
      .flatMap((head) => head.items.map((item) => ({ head: head.name, item })))
      .sort((a, b) => b.item.startedAt.localeCompare(a.item.startedAt) || b.item.sagaId.localeCompare(a.item.sagaId))
      .slice(0, options.limit);
    const next: RunsPosition = { ...options.after };
    for (const head of heads) {
      const taken = merged.filter((m) => m.head === head.name);
      const last = taken.at(-1)?.item;
      if (last) next[head.name] = `${last.startedAt} ${last.sagaId}`;
      if (head.done && taken.length === head.items.length) next[head.name] = '';
    }
    const more = wanted.some((name) => next[name] !== '');
    return { items: merged.map((m) => m.item), ...(more ? { next } : {}) };
  }

  private async idsInStatus(status: string, since: string, before: string | undefined): Promise<string[]> {
    const ids: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: SAGA_RUNS_BY_STATUS,
          KeyConditionExpression: before === undefined ? '#status = :status AND startedAt >= :since' : '#status = :status AND startedAt BETWEEN :since AND :before',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':since': since, ...(before === undefined ? {} : { ':before': before }) },
          ExclusiveStartKey: startKey,
        }),
      );
      ids.push(...(page.Items ?? []).map((item) => String(item.sagaId)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return ids;
  }
}
