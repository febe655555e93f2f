import type { Decider } from '../domain/decider';
import { ConcurrencyError } from './errors';
import type { EventStore, ExtraWrite } from './event-store';
import { loadState } from './load-state';
import { retryOnConflict } from './retry-on-conflict';
import { snapshotAfterAppend } from './snapshot-after-append';
import type { AppendContext, NewEvent, StoredEvent } from './types';

export type DecideResult<State> = { state: State; version: number; events: StoredEvent[] };

/**
 * Runs one command against one stream: load, fold, decide, append.
 *
 * With `expectedVersion` (an HTTP `If-Match`) a stale version fails at once with a
 * {@link ConcurrencyError}. Without it, a lost race is retried on fresh state a bounded number of
 * times, so the command is always decided on exactly the state it is appended over. When the
 * append crosses a multiple of the decider's snapshot interval, the new state is snapshotted
 * (best effort: see {@link snapshotAfterAppend}).
 *
 * With `newStream` (the stream id was made just now, such as a random UUID) the first try decides
 * on the initial state without reading: there is nothing to read. The append still refuses a
 * stream that exists; a try after such a conflict reads it, as any other.
 */
export async function decideAndAppend<Command, Event extends NewEvent, State>(options: {
  store: EventStore;
  decider: Decider<Command, Event, State>;
  streamId: string;
  command: Command;
  context: AppendContext;
  expectedVersion?: number;
  /** The stream is new for sure (its id was just made): decide without reading it first. */
  newStream?: boolean;
  /**
   * Runs on the loaded state before anything is decided or compared, and throws to refuse
   * (e.g. another customer's order answers as a missing one, whatever If-Match says).
   */
  guard?: (state: State) => void;
  /**
   * When the decider decides nothing (an idempotent no-op, such as cancelling a cancelled order),
   * throw this instead of answering as if something changed; nothing is written either way.
   */
  refuseNoChange?: (state: State) => Error;
  /** Items to write in the same transaction, given the outcome and the events decided (e.g. an idempotency record). */
  extra?: (outcome: { state: State; version: number; events: Event[] }) => ExtraWrite[];
}): Promise<DecideResult<State>> {
  const { store, decider, streamId, command, context, expectedVersion, guard, refuseNoChange, extra } = options;
  let unread = options.newStream === true;
  const attempt = async (): Promise<DecideResult<State>> => {
    const { state, version } = unread ? { state: decider.initialState, version: 0 } : await loadState(store, decider, streamId);
    unread = false;
    guard?.(state);
    if (expectedVersion !== undefined && version !== expectedVersion) {
      throw new ConcurrencyError(streamId, expectedVersion);
    }
    const events = decider.decide(command, state);
    if (events.length === 0 && refuseNoChange) throw refuseNoChange(state);
    const outcome = { state: events.reduce(decider.evolve, state), version: version + events.length };
    const [written] = await store.append([{ streamId, expectedVersion: version, events }], context, extra?.({ ...outcome, events }));
    await snapshotAfterAppend(store, decider, streamId, version, outcome);
    return { ...outcome, events: written?.events ?? [] };
  };
  return expectedVersion === undefined ? retryOnConflict(attempt) : attempt();
}
