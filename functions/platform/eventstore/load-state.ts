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
 */
export async function loadState<Command, Event extends NewEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
): Promise<LoadedState<State>> {
  const start = await snapshotToStartFrom(store, decider, streamId);
  if (!start) return stateOfStream(decider, await store.load(streamId));
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
