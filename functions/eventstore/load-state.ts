import type { Decider } from '../domain/decider';
import type { EventStore } from './event-store';
import type { NewEvent } from './types';

export type LoadedState<State> = { state: State; version: number };

/** Loads a stream and folds it into the decider's state, with the version it was read at. */
export async function loadState<Command, Event extends NewEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
): Promise<LoadedState<State>> {
  const stream = await store.load(streamId);
  // The store is untyped; what a decider's stream holds is what that decider wrote.
  const events = stream.events as unknown as Event[];
  return { state: events.reduce(decider.evolve, decider.initialState), version: stream.version };
}
