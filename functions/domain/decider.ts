/**
 * An aggregate as three pure functions: where it starts, how an event changes it, and which
 * events a command produces (or which domain error it throws).
 */
export type Decider<Command, Event, State> = {
  initialState: State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State) => Event[];
};

/** The state after a history of events. */
export function foldEvents<Command, Event, State>(decider: Decider<Command, Event, State>, events: Event[]): State {
  return events.reduce(decider.evolve, decider.initialState);
}

/** Compile-time proof that a switch handled every case. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
