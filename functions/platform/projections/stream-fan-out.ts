import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { storedEventsInOrder } from '../batch/stored-events-in-order';
import type { EventSchemas, StoredEvent } from '../eventstore';
import { observed } from '../observability/observed';
import { logger } from '../observability/logger';
import { emitProjectionLag } from '../observability/projection-lag';
import type { Outcome } from './projection';

/** One view kept from a context's events stream by its fan-out: the streams it takes (by prefix) and what it does with one event. */
export type StreamView = {
  /** The view's name, in its ProjectionLag metric and in the log line of a failure. */
  name: string;
  prefixes: readonly string[];
  /** Idempotent (a record comes again when any view fails on it); what it throws is transient. Its outcome: `applied` or `healed` when it wrote the event just now. */
  project(event: StoredEvent): Promise<string>;
};

/**
 * A counter kept in the stream's tumbling window (the stats, the store figures): each step adds
 * the records the views have taken to the state Lambda carries between the window's invocations,
 * and writes what it holds when `write` (the window's final invocation, or a batch the views
 * failed part of: the records before the failure are written then, whatever Lambda does with the
 * state). It answers the state to carry on. A step is idempotent: a state it wrote may come again.
 */
export type WindowCounter = {
  name: string;
  prefixes: readonly string[];
  step(input: { state: unknown; shardId: string; records: WindowRecord[]; write: boolean }): Promise<unknown>;
};

/** A record of the shard as a window counter takes it: its position in the shard and its event's stream and version. */
export type WindowRecord = { sequenceNumber: string; streamId: string; version: number };

/** A batch of the stream in a tumbling window, as Lambda gives it to the views reader. */
export type WindowedStreamEvent = DynamoDBStreamEvent & {
  shardId?: string;
  window?: { start: string; end: string };
  state?: Record<string, unknown>;
  isFinalInvokeForWindow?: boolean;
};

/** The views reader's answer: the failed records, and the window's state to carry (Lambda requires it in a tumbling window). */
export type WindowedResponse = DynamoDBBatchResponse & { state: Record<string, unknown> };

/** The outcomes that wrote the event into the view just now: the projection lag is measured on these. */
const WRITTEN: ReadonlySet<string> = new Set<Outcome>(['applied', 'healed']);

class ViewsFailed extends Error {
  override readonly name = 'ViewsFailed';
}

/**
 * The one reader of a context's events stream that keeps its views (AWS lets two readers take a
 * shard at once; the other is the forwarder to the bus). Each record, in order, goes to every
 * view that takes its stream, those views in parallel.
 * When any view fails on a record, the batch is reported failed from that record (partial batch
 * response) and Lambda retries from it: no view gets ahead of a record another view has not
 * taken, and the views that had taken it take it again, as a no-op. Poison never fails a record:
 * each view parks its own poison, so an event one view cannot apply holds up no view. Last, the
 * window counters take the records before any failure, in the tumbling window's state (the
 * event source mapping's TumblingWindowInSeconds), and write it on the window's final invocation;
 * if one fails, the batch is reported failed from its first record and comes again whole.
 */
export function streamFanOutHandler(views: readonly StreamView[], schemas: EventSchemas, windowCounters: readonly WindowCounter[] = []) {
  return observed<WindowedStreamEvent, WindowedResponse>(
    () => ({}),
    async (event) => {
      const first = event.Records[0];
      const carried = event.state ?? {};
      // The records every view took, in order: those before the first that failed (or could not be read).
      const taken: WindowRecord[] = [];
      const { batchItemFailures } = await storedEventsInOrder(event.Records, 'a view', schemas, async (stored) => {
        await projectIntoViews(views, stored);
        taken.push({ sequenceNumber: event.Records[taken.length]!.dynamodb!.SequenceNumber!, streamId: stored.streamId, version: stored.version });
      });
      if (windowCounters.length === 0) return { state: carried, batchItemFailures };
      const { shardId } = event;
      if (!shardId) throw new Error('the views reader keeps its window counters in a tumbling window: its event source mapping needs TumblingWindowInSeconds');
      const write = event.isFinalInvokeForWindow === true || batchItemFailures.length > 0;
      try {
        // The counters step side by side, and every step ends before the answer: none is left writing behind a failure.
        const steps = await Promise.allSettled(
          windowCounters.map(async (counter) => {
            const records = taken.filter((r) => counter.prefixes.some((prefix) => r.streamId.startsWith(prefix)));
            return [counter.name, await counter.step({ state: carried[counter.name], shardId, records, write })] as const;
          }),
        );
        const state: Record<string, unknown> = { ...carried };
        for (const step of steps) {
          if (step.status === 'rejected') throw step.reason;
          state[step.value[0]] = step.value[1];
        }
        return { state, batchItemFailures };
      } catch (error) {
        // The batch comes again whole: the views take it again as no-ops, the window counters from the state carried in.
        if (event.isFinalInvokeForWindow) throw error;
        logger.error('a window counter failed; the stream will retry the whole batch', { eventID: first?.eventID, error: String(error) });
        return { state: carried, batchItemFailures: [{ itemIdentifier: first?.dynamodb?.SequenceNumber ?? '' }] };
      }
    },
  );
}

/** One event into every view that takes its stream; throws once all have tried, naming those that failed. */
async function projectIntoViews(views: readonly StreamView[], stored: StoredEvent): Promise<void> {
  const takers = views.filter((view) => view.prefixes.some((prefix) => stored.streamId.startsWith(prefix)));
  const results = await Promise.allSettled(
    takers.map(async (view) => {
      if (WRITTEN.has(await view.project(stored))) emitProjectionLag(view.name, stored);
    }),
  );
  const failed = takers.flatMap((view, i) => {
    const result = results[i]!;
    return result.status === 'rejected' ? [`${view.name}: ${String(result.reason)}`] : [];
  });
  if (failed.length) throw new ViewsFailed(failed.join('; '));
}
