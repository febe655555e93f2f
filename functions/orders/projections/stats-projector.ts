import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { parseStreamId } from '../domain';
import type { StoredEvent } from '../../platform/eventstore';
import { LostRaceError, ViewGapError } from '../../platform/projections/projection-errors';
import type { Outcome, Projection, ProjectionPorts } from '../../platform/projections/projection';
import { foldOrderStats, statsStep, subtractTotals, totalsOf, trackerStateOf, type TrackerState } from './stats-fold';
import { STATS_KEYS } from './stats-keys';
import { countOnce, putTracker } from './stats-writes';

// The stats query (functions/orders/queries/get-stats.ts) reads the table by these keys, from here.
export { STATS_KEYS } from './stats-keys';

/** Writes lost to a concurrent writer before the event is handed back to be retried. */
const MAX_RACES = 5;

/**
 * Keeps the stats: orders by status, revenue by day, saga outcomes. Each event moves the counters
 * in ONE transaction with the order's tracker, written only over the tracker read (see
 * {@link countOnce}), so a redelivered event never counts twice. An event that arrives before its
 * predecessors has them counted first, from the store, each through the same transaction. An
 * event the stats cannot count is parked and the tracker moves past it (`skippedVersions`); its
 * repair counts the order's history anew with it and moves the counters by the difference, once.
 */
export function statsProjection({ client, tableName, store, parking }: ProjectionPorts): Projection {
  const read = async (orderId: string): Promise<TrackerState> => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: STATS_KEYS.tracker(orderId), ConsistentRead: true }));
    return trackerStateOf(Item);
  };

  /** Counts the next event of an order once, or parks it and moves the tracker past it. */
  const countNext = async (orderId: string, event: StoredEvent, known?: TrackerState): Promise<Outcome> => {
    let state = known ?? (await read(orderId));
    for (let race = 0; race < MAX_RACES; race++, state = await read(orderId)) {
      if (event.version <= state.version) return 'duplicate';
      if (event.version !== state.version + 1) throw new ViewGapError(STATS_KEYS.tracker(orderId), state.version, event.version);
      const step = statsStep(state.tracker, event);
      if (!step.ok) {
        // Parked before the tracker moves: a failed write then leaves a second copy, never a skip that was not parked.
        await parking.park({ event, reason: step.reason });
        if (await putTracker(client, tableName, orderId, state, { ...state, version: event.version, skipped: [...state.skipped, event.version] })) return 'parked';
        continue;
      }
      const next = { tracker: step.value.tracker, version: event.version, skipped: state.skipped };
      if ((await countOnce(client, tableName, { orderId, read: state, next, totals: totalsOf(step.value) })) === 'written') return 'applied';
    }
    throw new LostRaceError(STATS_KEYS.tracker(orderId), MAX_RACES);
  };

  const project = async (event: StoredEvent): Promise<Outcome> => {
    const orderId = orderIdOf(event);
    if (!orderId) return 'ignored';
    const state = await read(orderId);
    if (event.version <= state.version + 1) return countNext(orderId, event, state);
    // A gap: the events before this one are counted first, from the store, in order, each once.
    const missing = (await store.load(event.streamId)).events.filter((e) => e.version > state.version && e.version <= event.version);
    if (missing.length !== event.version - state.version) throw new ViewGapError(STATS_KEYS.tracker(orderId), state.version, event.version);
    for (const next of missing) await countNext(orderId, next);
    return 'healed';
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
      if ((await countOnce(client, tableName, { orderId, read: state, next, totals: subtractTotals(after.totals, before.totals) })) === 'written') return 'repaired';
    }
    throw new LostRaceError(STATS_KEYS.tracker(orderId), MAX_RACES);
  };

  return { project, repair };
}

function orderIdOf(event: StoredEvent): string | undefined {
  const stream = parseStreamId(event.streamId);
  return stream?.aggregate === 'order' ? stream.id : undefined;
}
