import { BatchGetCommand, GetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { parseStreamId } from '../domain';
import type { StoredEvent } from '../../platform/eventstore';
import { LostRaceError, ViewGapError } from '../../platform/projections/projection-errors';
import type { Outcome, Projection, ProjectionPorts } from '../../platform/projections/projection';
import { addTotals, foldOrderStats, noTotals, statsStep, subtractTotals, totalsOf, trackerStateOf, type StatsTotals, type TrackerState } from './stats-fold';
import { STATS_KEYS } from './stats-keys';
import { countOnce, type TrackerMove } from './stats-writes';

// The stats query (functions/orders/queries/get-stats.ts) reads the table by these keys, from here.
export { STATS_KEYS } from './stats-keys';

/** Writes lost to a concurrent writer before the events are handed back to be retried. */
const MAX_RACES = 5;
/** Orders whose trackers move in one transaction, beside the counters (DynamoDB takes 100 items in one). */
const ORDERS_PER_TRANSACTION = 25;
/** BatchGetItem takes 100 keys. */
const KEYS_PER_READ = 100;

/** What counting an order's events in a batch comes to: its tracker's move and the counters' (none when nothing is new). */
type OrderCount = { move?: TrackerMove; totals: StatsTotals; outcome: Outcome; counted: StoredEvent[] };

/** The stats as a counter of the fan-out: a whole batch at once, and the events it counted just now. */
export type StatsProjection = Projection & { countBatch(events: readonly StoredEvent[]): Promise<StoredEvent[]> };

/**
 * Keeps the stats: orders by status, revenue by day, saga outcomes. A batch of events is counted
 * at once: each order's new events move its tracker once, and the counters move once for all the
 * batch's orders, trackers and counters in ONE transaction (see {@link countOnce}), each tracker
 * written only over the state read, so a redelivered event never counts twice. An order whose
 * events skip versions the tracker has not counted has them counted first, from the store. An
 * event the stats cannot count is parked and the tracker moves past it (`skippedVersions`); its
 * repair counts the order's history anew with it and moves the counters by the difference, once.
 */
export function statsProjection({ client, tableName, store, parking }: ProjectionPorts): StatsProjection {
  const read = async (orderId: string): Promise<TrackerState> => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: STATS_KEYS.tracker(orderId), ConsistentRead: true }));
    return trackerStateOf(Item);
  };

  const readAll = async (orderIds: string[]): Promise<Map<string, TrackerState>> => {
    const items = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < orderIds.length; i += KEYS_PER_READ) {
      let keys: Record<string, unknown>[] | undefined = orderIds.slice(i, i + KEYS_PER_READ).map(STATS_KEYS.tracker);
      while (keys?.length) {
        const answer: BatchGetCommandOutput = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
        for (const item of answer.Responses?.[tableName] ?? []) items.set(String(item.pk), item);
        keys = answer.UnprocessedKeys?.[tableName]?.Keys;
      }
    }
    return new Map(orderIds.map((orderId) => [orderId, trackerStateOf(items.get(STATS_KEYS.tracker(orderId).pk))]));
  };

  /** An order's events of this batch against its tracker: the new ones counted in order, a gap filled from the store, poison parked and skipped. */
  const countOrder = async (orderId: string, events: StoredEvent[], state: TrackerState): Promise<OrderCount> => {
    const newest = events.at(-1)!.version;
    if (newest <= state.version) return { totals: noTotals(), outcome: 'duplicate', counted: [] };
    let pending = events.filter((e) => e.version > state.version);
    const contiguous = pending.every((e, i) => e.version === state.version + 1 + i);
    if (!contiguous) {
      // A gap: the events before these are counted first, from the store, in order, each once.
      pending = (await store.load(events[0]!.streamId)).events.filter((e) => e.version > state.version && e.version <= newest);
      if (pending.length !== newest - state.version) throw new ViewGapError(STATS_KEYS.tracker(orderId), state.version, newest);
    }
    let next = state;
    let totals = noTotals();
    const counted: StoredEvent[] = [];
    for (const event of pending) {
      const step = statsStep(next.tracker, event);
      if (!step.ok) {
        // Parked before the tracker moves: a failed write then leaves a second copy, never a skip that was not parked.
        await parking.park({ event, reason: step.reason });
        next = { ...next, version: event.version, skipped: [...next.skipped, event.version] };
        continue;
      }
      next = { tracker: step.value.tracker, version: event.version, skipped: next.skipped };
      totals = addTotals(totals, totalsOf(step.value));
      counted.push(event);
    }
    const outcome: Outcome = !contiguous ? 'healed' : counted.length === 0 ? 'parked' : 'applied';
    return { move: { orderId, read: state, next }, totals, outcome, counted };
  };

  /** Counts the batch's order events; the outcome per order and the events counted. */
  const countEvents = async (events: readonly StoredEvent[]): Promise<Map<string, OrderCount>> => {
    const byOrder = new Map<string, StoredEvent[]>();
    for (const event of events) {
      const orderId = orderIdOf(event);
      if (orderId) byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), event]);
    }
    for (const [orderId, list] of byOrder) byOrder.set(orderId, inVersionOrder(list));
    const results = new Map<string, OrderCount>();
    let remaining = [...byOrder.keys()];
    for (let race = 0; race < MAX_RACES && remaining.length; race++) {
      const states = await readAll(remaining);
      const counts = await Promise.all(remaining.map(async (orderId) => [orderId, await countOrder(orderId, byOrder.get(orderId)!, states.get(orderId)!)] as const));
      const lost: string[] = [];
      for (let i = 0; i < counts.length; i += ORDERS_PER_TRANSACTION) {
        const chunk = counts.slice(i, i + ORDERS_PER_TRANSACTION);
        const moving = chunk.filter(([, count]) => count.move);
        const written = moving.length === 0 || (await countOnce(client, tableName, moving.map(([, count]) => count.move!), moving.reduce((sum, [, count]) => addTotals(sum, count.totals), noTotals()))) === 'written';
        for (const [orderId, count] of chunk) (written ? results.set(orderId, count) : lost.push(orderId));
      }
      remaining = lost;
    }
    if (remaining.length) throw new LostRaceError(STATS_KEYS.tracker(remaining[0]!), MAX_RACES);
    return results;
  };

  const countBatch = async (events: readonly StoredEvent[]): Promise<StoredEvent[]> => [...(await countEvents(events)).values()].flatMap((count) => count.counted);

  const project = async (event: StoredEvent): Promise<Outcome> => {
    const orderId = orderIdOf(event);
    if (!orderId) return 'ignored';
    return (await countEvents([event])).get(orderId)!.outcome;
  };

  const repair = async (message: StoredEvent): Promise<Outcome> => {
    const orderId = orderIdOf(message);
    if (!orderId) return 'ignored';
    for (let race = 0; race < MAX_RACES; race++) {
      const state = await read(orderId);
      // The store's copy, which may have been fixed since the event was parked.
      const events = (await store.load(message.streamId)).events;
      const event = events.find((e) => e.version === message.version);
      if (!event) throw new ViewGapError(STATS_KEYS.tracker(orderId), state.version, message.version);
      if (!state.skipped.includes(event.version)) return event.version <= state.version ? 'duplicate' : project(event);

      // The order's history counted as it was, and counted again with this event: the counters
      // move by the difference, which is this event's delta and whatever it changes for the
      // events after it (a confirmation counts revenue only once the placement that set the total is in).
      const handled = events.filter((e) => e.version <= state.version);
      const before = foldOrderStats(handled, state.skipped);
      const after = foldOrderStats(handled, state.skipped.filter((version) => version !== event.version));
      const still = after.poisoned.find((p) => p.event.version === event.version);
      if (still) {
        await parking.park(still);
        return 'parked';
      }
      for (const parked of after.poisoned) await parking.park(parked);
      const next = { tracker: after.tracker, version: state.version, skipped: after.skipped };
      if ((await countOnce(client, tableName, [{ orderId, read: state, next }], subtractTotals(after.totals, before.totals))) === 'written') return 'repaired';
    }
    throw new LostRaceError(STATS_KEYS.tracker(orderId), MAX_RACES);
  };

  return { project, repair, countBatch };
}

/** An order's events of a batch in version order, each version once. */
function inVersionOrder(events: StoredEvent[]): StoredEvent[] {
  const byVersion = new Map(events.map((e) => [e.version, e]));
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}

function orderIdOf(event: StoredEvent): string | undefined {
  const stream = parseStreamId(event.streamId);
  return stream?.aggregate === 'order' ? stream.id : undefined;
}
