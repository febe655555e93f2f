import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  TrimmedDataAccessException,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamsRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { matchesPattern, validatePattern, type EventPattern } from '../event-bridge/event-pattern';

export type DynamoDbStreamRecord = DynamoDBRecord;

/** An event source mapping from a DynamoDB stream to a function, as the template configures it. */
export type StreamMapping = {
  id: string;
  functionName: string;
  batchSize: number;
  /** -1 means retry until the record expires, as in CloudFormation. */
  maximumRetryAttempts: number;
  bisectBatchOnFunctionError: boolean;
  reportBatchItemFailures: boolean;
  /** Parsed `FilterCriteria.Filters[].Pattern`; empty means every record. */
  filters: EventPattern[];
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  onFailureDestinationArn?: string;
  /** `TumblingWindowInSeconds`: 0 for none. */
  tumblingWindowSeconds: number;
};

/** What a stream mapping invokes its function with: the batch, and in a tumbling window the window's fields. */
export type StreamInvokeEvent = {
  Records: DynamoDbStreamRecord[];
  window?: { start: string; end: string };
  state?: unknown;
  shardId?: string;
  eventSourceARN?: string;
  isFinalInvokeForWindow?: boolean;
  isWindowTerminatedEarly?: boolean;
};

/** A shard's open tumbling window: its bounds (ms) and the state the function answered last. */
type OpenWindow = { start: number; end: number; state: unknown };

export type FailedBatch = { mapping: StreamMapping; records: DynamoDbStreamRecord[]; error: string; attempts: number };

export type StreamPollerOptions = {
  streams: DynamoDBStreamsClient;
  streamArn: string;
  /** Put in each record's eventSourceARN, which DynamoDB Local leaves out. */
  eventSourceArn: string;
  mapping: StreamMapping;
  /** Invokes the function; rejects when the function fails. */
  invoke: (event: StreamInvokeEvent) => Promise<unknown>;
  sendToFailureDestination: (failure: FailedBatch) => Promise<void>;
  /**
   * The least time from one poll to the next, and the pause after a poll that found nothing while
   * the stream is active (records lately, or a wake). Lambda polls a stream's shards 4 times a
   * second, so what a busy stream gathers in that time comes as one batch.
   */
  pollIntervalMs?: number;
  /**
   * The pause once the stream has been quiet for a while (default: `pollIntervalMs`). The local
   * runtime polls a quiet stream seldom and wakes the poller when a write reaches the table:
   * two dozen pollers asking ten times a second kept a core a quarter busy doing nothing.
   */
  idlePollIntervalMs?: number;
  log?: (line: string) => void;
};

/** How long a stream counts as active after records or a wake. */
const ACTIVE_MS = 500;
/** Shards are listed again this often, and whenever one closes (its child then appears). */
const DESCRIBE_EVERY_MS = 5000;

const MAX_BACKOFF_MS = 1000;

/**
 * Polls one DynamoDB stream for one event source mapping, as the Lambda service does: records in
 * order per shard, one batch in flight, filter criteria applied before invoking, partial batch
 * failures retried from the first failed record, a failing batch bisected to isolate a poison
 * record, and what still fails after the retries sent to the on-failure destination so the shard
 * moves on.
 */
export class StreamPoller {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private idleWaiters: (() => void)[] = [];
  /** Where each shard was left, kept across restarts of the loop so nothing is read twice. */
  private readonly done = new Set<string>();
  private readonly lastSequence = new Map<string, string>();
  /** Each shard's open tumbling window, when the mapping has one. */
  private readonly windows = new Map<string, OpenWindow>();
  /** The shards the stream had when polling began: the only ones read from `startingPosition`. */
  private startedShards: Set<string> | undefined;
  private readonly pollIntervalMs: number;
  private readonly idlePollIntervalMs: number;
  private readonly log: (line: string) => void;
  private activeUntil = 0;
  private lastPollAt = 0;
  /** Moves the end of the current pause sooner (never later). */
  private endPauseBy: ((at: number) => void) | undefined;

  constructor(private readonly options: StreamPollerOptions) {
    options.mapping.filters.forEach((filter) => validatePattern(filter));
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.idlePollIntervalMs = options.idlePollIntervalMs ?? this.pollIntervalMs;
    this.log = options.log ?? (() => undefined);
  }

  /**
   * Something was written to the table: poll now — but no sooner than `pollIntervalMs` after the
   * last poll, so a busy table's writes are read in batches — and often for a while.
   */
  wake(): void {
    this.activeUntil = Date.now() + ACTIVE_MS;
    this.endPauseBy?.(this.lastPollAt + this.pollIntervalMs);
  }

  start(): void {
    this.loop ??= this.keepRunning();
  }

  /** Stops polling once the batch in flight is done. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.endPauseBy?.(0);
    await this.loop;
  }

  /** Resolves when every record now in the stream has been processed. */
  drained(): Promise<void> {
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** A poller must never die: an unexpected error is logged and polling starts over after a pause. */
  private async keepRunning(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.run();
      } catch (error) {
        this.log(`polling failed, starting over in 1 s: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async run(): Promise<void> {
    const { streams, streamArn, mapping } = this.options;
    const { done, lastSequence } = this;
    const iterators = new Map<string, string>();
    let describedAt = -Infinity;
    while (!this.stopped) {
      this.lastPollAt = Date.now();
      const shards =
        iterators.size === 0 || Date.now() - describedAt >= DESCRIBE_EVERY_MS
          ? ((describedAt = Date.now()), (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription?.Shards ?? [])
          : [];
      if (this.startedShards === undefined) this.startedShards = new Set(shards.map((shard) => shard.ShardId ?? ''));
      for (const shard of shards) {
        const shardId = shard.ShardId;
        if (!shardId || done.has(shardId) || iterators.has(shardId)) continue;
        // Only the shards there when the mapping started honour LATEST: a shard found later (a
        // child, or a new table's first shard, made by its first write) holds only newer records.
        const after = lastSequence.get(shardId);
        const type = after ? 'AFTER_SEQUENCE_NUMBER' : this.startedShards.has(shardId) ? mapping.startingPosition : 'TRIM_HORIZON';
        const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: after }));
        if (ShardIterator) iterators.set(shardId, ShardIterator);
      }
      let received = 0;
      for (const [shardId, iterator] of iterators) {
        if (this.stopped) break;
        let page;
        try {
          page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        } catch (error) {
          if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
          // Iterators live 15 minutes, and DynamoDB Local refuses an iterator (LATEST or
          // TRIM_HORIZON) taken on an empty shard once records arrive: pick up after the last
          // record handled; with none handled yet, a refused iterator's shard was empty, so all it
          // holds now came after — from its start (resuming at LATEST would skip those records).
          const after = lastSequence.get(shardId);
          const from = after ? 'AFTER_SEQUENCE_NUMBER' : error instanceof TrimmedDataAccessException ? 'TRIM_HORIZON' : mapping.startingPosition;
          this.log(`${(error as Error).name} on ${shardId}; resuming ${after ? `after ${after}` : `from ${from}`}`);
          const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: from, SequenceNumber: after }));
          if (ShardIterator) iterators.set(shardId, ShardIterator);
          continue;
        }
        const records = (page.Records ?? []).map((record) => this.toLambdaRecord(record));
        received += records.length;
        await this.process(shardId, records.filter((record) => this.wanted(record)));
        const last = records.at(-1)?.dynamodb?.SequenceNumber;
        if (last) lastSequence.set(shardId, last);
        if (page.NextShardIterator) iterators.set(shardId, page.NextShardIterator);
        else {
          iterators.delete(shardId);
          done.add(shardId);
          describedAt = -Infinity;
        }
      }
      await this.closeWindows((window) => window.end <= Date.now());
      if (received > 0) {
        this.activeUntil = Date.now() + ACTIVE_MS;
        // As Lambda polls a shard: at most `pollIntervalMs` from one poll to the next, records or not.
        await this.pause(this.lastPollAt + this.pollIntervalMs - Date.now());
      } else {
        for (const resolve of this.idleWaiters.splice(0)) resolve();
        await this.pause(Date.now() < this.activeUntil ? this.pollIntervalMs : this.idlePollIntervalMs);
      }
    }
    // Stopping closes the open windows as Lambda would once they end, so their state is not lost.
    await this.closeWindows(() => true);
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      let endsAt = Date.now() + ms;
      let timer = setTimeout(end, ms);
      function end() {
        clearTimeout(timer);
        resolve();
      }
      this.endPauseBy = (at) => {
        if (at >= endsAt) return;
        endsAt = at;
        clearTimeout(timer);
        timer = setTimeout(end, Math.max(0, at - Date.now()));
      };
    }).finally(() => (this.endPauseBy = undefined));
  }

  private wanted(record: DynamoDbStreamRecord): boolean {
    const { filters } = this.options.mapping;
    return filters.length === 0 || filters.some((filter) => matchesPattern(filter, record));
  }

  /**
   * A shard's records in batches. In a tumbling window, a batch holds records of one window only
   * (windows aligned to the epoch as Lambda aligns them), and a record of a later window first
   * ends the open one with its final invocation. Lambda places a record by when it was written;
   * DynamoDB Local gives that only to the minute, so here a record is placed by when it is read
   * (a few milliseconds later on this machine).
   */
  private async process(shardId: string, records: DynamoDbStreamRecord[]): Promise<void> {
    const size = this.options.mapping.batchSize;
    const windowMs = this.options.mapping.tumblingWindowSeconds * 1000;
    if (windowMs === 0) {
      for (let start = 0; start < records.length; start += size) await this.deliver(shardId, records.slice(start, start + size), 0);
      return;
    }
    let run: DynamoDbStreamRecord[] = [];
    const flush = async () => {
      for (let start = 0; start < run.length; start += size) await this.deliver(shardId, run.slice(start, start + size), 0);
      run = [];
    };
    for (const record of records) {
      const created = Date.now();
      const open = this.windows.get(shardId);
      if (open && created >= open.end) {
        await flush();
        await this.closeWindows((window) => window === open);
      }
      if (!this.windows.has(shardId)) {
        const start = Math.floor(created / windowMs) * windowMs;
        this.windows.set(shardId, { start, end: start + windowMs, state: {} });
      }
      run.push(record);
    }
    await flush();
  }

  /** The final invocation of each open window `due` picks, retried until it succeeds (Lambda holds the shard until then); then the window's state is dropped. */
  private async closeWindows(due: (window: OpenWindow) => boolean): Promise<void> {
    for (const [shardId, window] of [...this.windows]) {
      if (!due(window)) continue;
      for (let tries = 0; ; tries++) {
        try {
          await this.options.invoke({ Records: [], ...this.windowFields(shardId, window), isFinalInvokeForWindow: true });
          break;
        } catch (error) {
          this.log(`the final invocation of ${shardId}'s window failed (${(error as Error).message}); trying again`);
          if (this.stopped && tries >= 2) break;
          await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 50 * 2 ** tries)));
        }
      }
      this.windows.delete(shardId);
    }
  }

  private windowFields(shardId: string, window: OpenWindow): Omit<StreamInvokeEvent, 'Records'> {
    return {
      window: { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString() },
      state: window.state,
      shardId,
      eventSourceARN: this.options.eventSourceArn,
      isFinalInvokeForWindow: false,
      isWindowTerminatedEarly: false,
    };
  }

  /**
   * Delivers one batch until it succeeds or its records go to the failure destination. What
   * failed — the whole batch when the function throws, the records from the first reported one on
   * for a partial failure — is bisected first when the mapping says so (splitting does not use up
   * a retry, it narrows down the poison record), then retried, then given up on.
   */
  private async deliver(shardId: string, batch: DynamoDbStreamRecord[], retries: number): Promise<void> {
    const { mapping, invoke } = this.options;
    const window = this.windows.get(shardId);
    let remaining: DynamoDbStreamRecord[];
    let error: string;
    try {
      const result = await invoke({ Records: batch, ...(window ? this.windowFields(shardId, window) : {}) });
      if (window) {
        // In a tumbling window Lambda takes an answer without a state for a failed invocation.
        const state = (result as { state?: unknown } | null)?.state;
        if (state === null || typeof state !== 'object') throw new Error("the function's answer has no state, which a tumbling window needs");
        window.state = state;
      }
      if (!mapping.reportBatchItemFailures) return;
      const failedFrom = firstFailure(batch, result);
      if (failedFrom === batch.length) return;
      remaining = batch.slice(failedFrom);
      error = `the function reported ${batch[failedFrom]?.dynamodb?.SequenceNumber ?? 'an invalid item'} as failed`;
    } catch (thrown) {
      remaining = batch;
      error = (thrown as Error).message;
    }
    if (mapping.bisectBatchOnFunctionError && remaining.length > 1) {
      const half = Math.ceil(remaining.length / 2);
      this.log(`${remaining.length} record(s) failed (${error}); bisecting`);
      await this.deliver(shardId, remaining.slice(0, half), retries);
      await this.deliver(shardId, remaining.slice(half), retries);
      return;
    }
    if (mapping.maximumRetryAttempts !== -1 && retries >= mapping.maximumRetryAttempts) {
      this.log(`${remaining.length} record(s) failed after ${retries} retries (${error}); sending to the failure destination`);
      await this.options.sendToFailureDestination({ mapping, records: remaining, error, attempts: retries + 1 });
      return;
    }
    if (this.stopped) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 50 * 2 ** retries)));
    await this.deliver(shardId, remaining, retries + 1);
  }

  private toLambdaRecord(record: StreamsRecord): DynamoDbStreamRecord {
    const created = record.dynamodb?.ApproximateCreationDateTime;
    return {
      ...record,
      eventSourceARN: this.options.eventSourceArn,
      dynamodb: { ...record.dynamodb, ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : undefined },
    } as DynamoDbStreamRecord;
  }
}

/**
 * Where a batch failed according to a `batchItemFailures` answer: the index of the earliest
 * reported record, `batch.length` for none. An identifier that names no record of the batch fails
 * the whole batch, as Lambda does.
 */
function firstFailure(batch: DynamoDbStreamRecord[], result: unknown): number {
  const failures = (result as { batchItemFailures?: { itemIdentifier?: string }[] } | null)?.batchItemFailures;
  if (!Array.isArray(failures) || failures.length === 0) return batch.length;
  const indexes = failures.map((f) => batch.findIndex((r) => r.dynamodb?.SequenceNumber !== undefined && r.dynamodb.SequenceNumber === f.itemIdentifier));
  return indexes.includes(-1) ? 0 : Math.min(...indexes);
}
