import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '../../platform/batch-get';
import { orderStreamId, parseStreamId } from '../domain';
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
 * What counting an order's events came to: its tracker's move and the counters' (no move when
 * nothing is new), the events counted and the versions parked, and whether a gap was filled from
 * the store.
 */
type OrderCount = { move?: TrackerMove; totals: StatsTotals; counted: StoredEvent[]; parked: number[]; healed: boolean };

/** An order to count: up to which version, and those of its events at hand (the rest are read from the store). */
type OrderToCount = { through: number; events: StoredEvent[] };

/** The newest version of each order seen: what a window of the stream asks the stats to count. */
export type OrdersSeen = Readonly<Record<string, number>>;

/** The stats as a counter of the views reader's window: every order seen counted up to the newest version seen, and the events counted just now. */
export type StatsProjection = Projection & { countThrough(seen: OrdersSeen): Promise<StoredEvent[]> };

/**
 * Keeps the stats: orders by status, revenue by day, saga outcomes. Many orders are counted at
 * once (a window of the stream: see stats-counter.ts): each order's new events move its tracker
 * once, and the counters move once for all of them, trackers and counters in ONE transaction (see
 * {@link countOnce}), each tracker written only over the state read, so an event never counts
 * twice. The events past an order's tracker are read from the store when they are not at hand. An
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

  /** An order's events past its tracker, up to `through`, counted in order: those at hand if they leave no gap, else the store's; poison parked and skipped. */
  const countOrder = async (orderId: string, { through, events }: OrderToCount, state: TrackerState): Promise<OrderCount> => {
    if (through <= state.version) return { totals: noTotals(), counted: [], parked: [], healed: false };
    let pending = events.filter((e) => e.version > state.version && e.version <= through);
    const atHand = pending.length === through - state.version && pending.every((e, i) => e.version === state.version + 1 + i);
    if (!atHand) {
      pending = (await store.load(orderStreamId(orderId), { afterVersion: state.version })).events.filter((e) => e.version <= through);
      if (pending.length !== through - state.version) throw new ViewGapError(STATS_KEYS.tracker(orderId), state.version, through);
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
    return { move: { orderId, read: state, next }, totals, counted, parked, healed: !atHand };
  };

  /**
   * Counts the orders, by chunks: each chunk read, counted and written in one transaction, and
   * counted again from a fresh read when a tracker moved under it or another transaction on its
   * items was in flight (only that chunk: one chunk's orders never wait on another's race). What
   * each order's count came to.
   */
  const countOrders = async (byOrder: ReadonlyMap<string, OrderToCount>): Promise<Map<string, OrderCount>> => {
    const results = new Map<string, OrderCount>();
    const orderIds = [...byOrder.keys()];
    for (let i = 0; i < orderIds.length; i += ORDERS_PER_TRANSACTION) {
      const part = orderIds.slice(i, i + ORDERS_PER_TRANSACTION);
      for (let race = 0; ; race++) {
        if (race === MAX_RACES) throw new LostRaceError(STATS_KEYS.tracker(part[0]!), MAX_RACES);
        if (race > 0) await fullJitterPause(race);
        const states = await readAll(part);
        const counts = await Promise.all(part.map(async (orderId) => [orderId, await countOrder(orderId, byOrder.get(orderId)!, states.get(orderId)!)] as const));
        const moves = counts.flatMap(([, count]) => (count.move ? [count.move] : []));
        const totals = counts.reduce((sum, [, count]) => addTotals(sum, count.totals), noTotals());
        if (moves.length > 0 && (await countOnce(client, tableName, moves, totals)) === 'lost-race') continue;
        for (const [orderId, count] of counts) results.set(orderId, count);
        break;
      }
    }
    return results;
  };

  const countThrough = async (seen: OrdersSeen): Promise<StoredEvent[]> => {
    const byOrder = new Map(Object.entries(seen).map(([orderId, through]): [string, OrderToCount] => [orderId, { through, events: [] }]));
    return [...(await countOrders(byOrder)).values()].flatMap((count) => count.counted);
  };

  const project = async (event: StoredEvent): Promise<Outcome> => {
    const orderId = orderIdOf(event);
    if (!orderId) return 'ignored';
    const count = (await countOrders(new Map([[orderId, { through: event.version, events: [event] }]]))).get(orderId)!;
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

  return { project, repair, countThrough };
}

function orderIdOf(event: StoredEvent): string | undefined {
  const stream = parseStreamId(event.streamId);
  return stream?.aggregate === 'order' ? stream.id : undefined;
}
