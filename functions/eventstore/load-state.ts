import type { Decider } from '../domain/decider';
import type { EventStore } from './event-store';
import type { LoadedStream, NewEvent } from './types';

export type LoadedState<State> = { state: State; version: number };

/** Folds a loaded stream into the decider's state, with the version it was read at. */
export function stateOfStream<Command, Event extends NewEvent, State>(decider: Decider<Command, Event, State>, stream: LoadedStream): LoadedState<State> {
  // The store is untyped; what a decider's stream holds is what that decider wrote.
  const events = stream.events as unknown as Event[];
  return { state: events.reduce(decider.evolve, decider.initialState), version: stream.version };
}

/** Loads a stream and folds it into the decider's state, with the version it was read at. */
export async function loadState<Command, Event extends NewEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
): Promise<LoadedState<State>> {
  return stateOfStream(decider, await store.load(streamId));
}
