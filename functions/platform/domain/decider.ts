/**
 * When to keep a snapshot of an aggregate's state, so a load folds only the events after it.
 */
export type SnapshotPolicy = {
  /** Take a snapshot every `every` events (when an append crosses a multiple of it). */
  every: number;
  /**
   * Names the shape of the State that `evolve` produces. Bump it whenever `evolve`, the State
   * type or an upcaster of this aggregate's events changes: snapshots of another `stateVersion`
   * are then ignored (a full replay instead), never folded onto.
   */
  stateVersion: number;
};

/**
 * An aggregate as three pure functions: where it starts, how an event changes it, and which
 * events a command produces (or which domain error it throws). With `snapshots`, the store keeps
 * a snapshot of its state now and then; without, every load replays the whole stream.
 */
export type Decider<Command, Event, State> = {
  initialState: State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State) => Event[];
  snapshots?: SnapshotPolicy;
};

/** The state after a history of events. */
export function foldEvents<Command, Event, State>(decider: Decider<Command, Event, State>, events: Event[]): State {
  return events.reduce(decider.evolve, decider.initialState);
}

/** Compile-time proof that a switch handled every case. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
