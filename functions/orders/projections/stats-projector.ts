import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '../../platform/batch-get';
import { parseStreamId } from '../domain';
import type { StoredEvent } from '../../platform/eventstore';
import { fullJitterPause } from '../../platform/contention/retry-contended';
import { LostRaceError, ViewGapError } from '../../platform/projections/projection-errors';
import type { Outcome, Projection, ProjectionPorts } from '../../platform/projections/projection';
import { addTotals, foldOrderStats, noTotals, statsStep, subtractTotals, totalsOf, trackerStateOf, type StatsTotals, type TrackerState } from './stats-fold';
import { STATS_KEYS } from './stats-keys';
import { countOnce, type TrackerMove } from './stats-writes';

// The stats query (functions/orders/queries/get-stats.ts) reads the table by these keys, from here.
export { STATS_KEYS } from './stats-keys';

/** Writes lost to a concurrent writer (or cancelled by a transaction in flight) before the events are handed back to be retried. */
const MAX_RACES = 8;
/** Orders whose trackers move in one transaction, beside the counters (DynamoDB takes 100 items in one). */
const ORDERS_PER_TRANSACTION = 25;

/**
 * What counting an order's events in a batch comes to: its tracker's move and the counters' (no
 * move when nothing is new), the events counted and the versions parked, and whether a gap was
 * filled from the store.
 */
type OrderCount = { move?: TrackerMove; totals: StatsTotals; counted: StoredEvent[]; parked: number[]; healed: boolean };

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
    const items = new Map((await batchGetAll(client, tableName, orderIds.map(STATS_KEYS.tracker))).map((item) => [String(item.pk), item]));
    return new Map(orderIds.map((orderId) => [orderId, trackerStateOf(items.get(STATS_KEYS.tracker(orderId).pk))]));
  };

  /** An order's events of this batch against its tracker: the new ones counted in order, a gap filled from the store, poison parked and skipped. */
  const countOrder = async (orderId: string, events: StoredEvent[], state: TrackerState): Promise<OrderCount> => {
    const newest = events.at(-1)!.version;
    if (newest <= state.version) return { totals: noTotals(), counted: [], parked: [], healed: false };
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
    const parked: number[] = [];
    for (const event of pending) {
      const step = statsStep(next.tracker, event);
      if (!step.ok) {
        // Parked before the tracker moves: a failed write then leaves a second copy, never a skip that was not parked.
        await parking.park({ event, reason: step.reason });
        next = { ...next, version: event.version, skipped: [...next.skipped, event.version] };
        parked.push(event.version);
        continue;
      }
      next = { tracker: step.value.tracker, version: event.version, skipped: next.skipped };
      totals = addTotals(totals, totalsOf(step.value));
      counted.push(event);
    }
    return { move: { orderId, read: state, next }, totals, counted, parked, healed: !contiguous };
  };

  /**
   * Counts the batch's order events, by chunks of orders: each chunk read, counted and written in
   * one transaction, and counted again from a fresh read when a tracker moved under it or another
   * transaction on its items was in flight (only that chunk: one chunk's orders never wait on
   * another's race). What each order's count came to.
   */
  const countEvents = async (events: readonly StoredEvent[]): Promise<Map<string, OrderCount>> => {
    const byOrder = new Map<string, StoredEvent[]>();
    for (const event of events) {
      const orderId = orderIdOf(event);
      if (orderId) byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), event]);
    }
    const results = new Map<string, OrderCount>();
    const orderIds = [...byOrder.keys()];
    for (let i = 0; i < orderIds.length; i += ORDERS_PER_TRANSACTION) {
      const part = orderIds.slice(i, i + ORDERS_PER_TRANSACTION);
      for (let race = 0; ; race++) {
        if (race === MAX_RACES) throw new LostRaceError(STATS_KEYS.tracker(part[0]!), MAX_RACES);
        if (race > 0) await fullJitterPause(race);
        const states = await readAll(part);
        const counts = await Promise.all(part.map(async (orderId) => [orderId, await countOrder(orderId, inVersionOrder(byOrder.get(orderId)!), states.get(orderId)!)] as const));
        const moves = counts.flatMap(([, count]) => (count.move ? [count.move] : []));
        const totals = counts.reduce((sum, [, count]) => addTotals(sum, count.totals), noTotals());
        if (moves.length > 0 && (await countOnce(client, tableName, moves, totals)) === 'lost-race') continue;
        for (const [orderId, count] of counts) results.set(orderId, count);
        break;
      }
    }
    return results;
  };

  /** The events of the batch counted just now (not those a gap was filled with from the store: their lag is not this batch's). */
  const countBatch = async (events: readonly StoredEvent[]): Promise<StoredEvent[]> => {
    const delivered = new Set(events.map((e) => `${e.streamId}#${e.version}`));
    return [...(await countEvents(events)).values()].flatMap((count) => count.counted.filter((e) => delivered.has(`${e.streamId}#${e.version}`)));
  };

  const project = async (event: StoredEvent): Promise<Outcome> => {
    const orderId = orderIdOf(event);
    if (!orderId) return 'ignored';
    const count = (await countEvents([event])).get(orderId)!;
    if (!count.move) return 'duplicate';
    if (count.parked.includes(event.version)) return 'parked';
    return count.healed ? 'healed' : 'applied';
  };

  const repair = async (message: StoredEvent): Promise<Outcome> => {
    const orderId = orderIdOf(message);
    if (!orderId) return 'ignored';
    for (let race = 0; race < MAX_RACES; race++) {
      if (race > 0) await fullJitterPause(race);
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
