import type { Decider } from '../domain/decider';
import type { EventStore } from './event-store';
import { logSnapshotProblem } from './snapshot-log';
import type { LoadedStream, NewEvent } from './types';

export type LoadedState<State> = { state: State; version: number };

/** Folds a loaded stream into the decider's state, with the version it was read at. */
export function stateOfStream<Command, Event extends NewEvent, State>(decider: Decider<Command, Event, State>, stream: LoadedStream): LoadedState<State> {
  return foldOnto(decider, { state: decider.initialState, version: 0 }, stream);
}

/**
 * Loads a stream and folds it into the decider's state, with the version it was read at. When
 * the decider has a snapshot policy and the store keeps snapshots, it starts from the stream's
 * snapshot if that was taken of the same state shape (`stateVersion`) and folds only the events
 * after it; otherwise (no snapshot, another shape, or the snapshot cannot be read) it replays
 * the whole stream. Both give the same state: a snapshot only saves reading.
 *
 * The snapshot and the stream's newest `every` events are read at once, one round trip: a
 * snapshot taken as the policy says (at each multiple of `every`) is never further back than
 * that, and a stream shorter than `every` has no snapshot to wait for. Only a snapshot further
 * back (one that could not be written) or a long stream without one costs a second read.
 */
export async function loadState<Command, Event extends NewEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
): Promise<LoadedState<State>> {
  const policy = decider.snapshots;
  if (!policy || !store.snapshots) return stateOfStream(decider, await store.load(streamId));
  const [start, newest] = await Promise.all([snapshotToStartFrom(store, decider, streamId), store.loadLatest(streamId, policy.every)]);
  const oldest = newest.events[0]?.version ?? newest.version + 1;
  if (!start) return stateOfStream(decider, oldest <= 1 ? newest : await store.load(streamId));
  // A snapshot at or past the newest event read (taken after an append that came since): the state it holds is the stream's.
  if (start.version >= newest.version) return start;
  if (oldest <= start.version + 1) return foldOnto(decider, start, { ...newest, events: newest.events.filter((e) => e.version > start.version) });
  return foldOnto(decider, start, await store.load(streamId, { afterVersion: start.version }));
}

/** The usable snapshot of a stream, if any. A read that fails is logged and means a full replay: a snapshot never fails a load. */
async function snapshotToStartFrom<Command, Event extends NewEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
): Promise<LoadedState<State> | undefined> {
  if (!decider.snapshots || !store.snapshots) return undefined;
  try {
    const snapshot = await store.snapshots.read(streamId);
    if (snapshot?.stateVersion !== decider.snapshots.stateVersion) return undefined;
    // Written from this decider's state, of this very shape (the stateVersion says so).
    return { state: snapshot.state as State, version: snapshot.version };
  } catch (error) {
    logSnapshotProblem('snapshot not read; replaying the whole stream', { streamId }, error);
    return undefined;
  }
}

function foldOnto<Command, Event extends NewEvent, State>(decider: Decider<Command, Event, State>, start: LoadedState<State>, stream: LoadedStream): LoadedState<State> {
  // The store is untyped; what a decider's stream holds is what that decider wrote (upcast to today's shapes).
  const events = stream.events as unknown as Event[];
  return { state: events.reduce(decider.evolve, start.state), version: stream.version };
}
