import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { parseStreamId } from '../domain';
import type { StoredEvent } from '../eventstore';
import { UnknownEvent } from '../domain';
import { putUnchanged, type Handled } from './handled-versions';
import type { EventParking, ParkedEvent } from './parking/parked-events';
import { LostRaceError, ViewGapError } from './projection-errors';
import type { Outcome, Projection, ProjectionPorts } from './projection';
import { foldRow, rowItem, rowStateOf, stepRow, type ApplyStored, type RowState } from './row-state';

/** Writes lost to a concurrent writer before the event is handed back to be retried. */
const MAX_RACES = 5;

/** A versioned-row projection: its ports, the aggregate whose streams it follows, and the view's pure parts. */
export type VersionedRowOptions<Row, Event> = ProjectionPorts & {
  aggregate: string;
  /** The row's key, from the id in the stream id. */
  key: (id: string) => Record<string, string>;
  /** Whether a stored event is one of this aggregate's (an unknown one is poison). */
  isEvent: (event: StoredEvent) => event is StoredEvent & Event;
  /** Folds one event into the view (pure; throws on an event it cannot apply). */
  apply: (row: Row | undefined, event: Event, meta: { version: number; at: string }) => Row;
};

/**
 * A projection keeping one view row per stream of one aggregate. An event is applied only if it
 * is the next version of its row; an older one is a redelivery and is skipped. A newer one means
 * a gap: the row is rebuilt from the store there and then, instead of waiting for an event that
 * may never come. An event `apply` cannot apply is parked, and the row moves past it with the
 * version listed in `skippedVersions`; a repair rebuilds the row from the store, where the event
 * may now apply. Every write is conditioned on the row as read, so writers cannot interleave.
 */
export function versionedRowProjection<Row extends { version: number }, Event>(options: VersionedRowOptions<Row, Event>): Projection {
  const { client, tableName, store, parking } = options;
  const apply: ApplyStored<Row> = (view, event) => {
    if (!options.isEvent(event)) throw new UnknownEvent(event, options.aggregate);
    return options.apply(view, event, { version: event.version, at: event.at });
  };
  const keyOf = (event: StoredEvent) => {
    const stream = parseStreamId(event.streamId);
    return stream && stream.aggregate === options.aggregate ? options.key(stream.id) : undefined;
  };

  const read = async (key: Record<string, string>): Promise<RowState<Row>> => {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    return rowStateOf<Row>(Item, Object.keys(key));
  };
  /** False when another writer moved the row since it was read. */
  const write = (key: Record<string, string>, next: RowState<Row>, asRead: Handled): Promise<boolean> => putUnchanged(client, tableName, rowItem(next, key), asRead);
  /**
   * The row folded from its whole stream. Poison is parked unless it is parked already, and
   * before anything is written: a write that then fails leaves at worst a second copy of a parked
   * event (a repair is idempotent), never an event skipped and not parked.
   */
  const rebuild = async (key: Record<string, string>, event: StoredEvent, parkedAlready: number[]): Promise<RowState<Row>> => {
    const { state, poisoned } = foldRow((await store.load(event.streamId)).events, apply);
    if (state.version < event.version) throw new ViewGapError(key, state.version, event.version);
    await parkAll(parking, poisoned.filter((p) => !parkedAlready.includes(p.event.version)));
    return state;
  };
  /** Reads the row, decides, writes; again on a lost race (the next read may find nothing left to do). */
  const untilWritten = async (key: Record<string, string>, decide: (row: RowState<Row>) => Promise<{ next: RowState<Row>; outcome: Outcome } | Outcome>): Promise<Outcome> => {
    for (let race = 0; race < MAX_RACES; race++) {
      const row = await read(key);
      const decided = await decide(row);
      if (typeof decided === 'string') return decided;
      if (await write(key, decided.next, row)) return decided.outcome;
    }
    throw new LostRaceError(key, MAX_RACES);
  };

  return {
    project: async (event) => {
      const key = keyOf(event);
      if (!key) return 'ignored';
      return untilWritten(key, async (row) => {
        if (event.version <= row.version) return 'duplicate';
        if (event.version > row.version + 1) return { next: await rebuild(key, event, row.skipped), outcome: 'healed' };
        const step = stepRow(row, event, apply);
        if (step.poisoned) await parking.park(step.poisoned);
        return { next: step.state, outcome: step.poisoned ? 'parked' : 'applied' };
      });
    },
    repair: async (event) => {
      const key = keyOf(event);
      if (!key) return 'ignored';
      return untilWritten(key, async (row) => {
        const skipped = row.skipped.includes(event.version);
        if (!skipped && event.version <= row.version) return 'duplicate';
        // This event's parked message is the one being handled: if it still fails, it is parked again.
        const next = await rebuild(key, event, row.skipped.filter((version) => version !== event.version));
        return { next, outcome: next.skipped.includes(event.version) ? 'parked' : 'repaired' };
      });
    },
  };
}

async function parkAll(parking: EventParking, poisoned: ParkedEvent[]): Promise<void> {
  for (const parked of poisoned) await parking.park(parked);
}
