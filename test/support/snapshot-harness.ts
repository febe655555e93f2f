import fc from 'fast-check';
import { DomainError, foldEvents, type Decider } from '../../functions/platform/domain';

/**
 * The events a command sequence produces when each command is decided on the state so far.
 * Commands the decider refuses with a domain error are skipped, as the API would refuse them;
 * any other error is a bug and fails the property.
 */
export function historyOf<C, E, S>(decider: Decider<C, E, S>, commands: C[]): E[] {
  const events: E[] = [];
  let state = decider.initialState;
  for (const command of commands) {
    let decided: E[];
    try {
      decided = decider.decide(command, state);
    } catch (error) {
      if (error instanceof DomainError) continue;
      throw error;
    }
    events.push(...decided);
    state = decided.reduce(decider.evolve, state);
  }
  return events;
}

/**
 * Sequences of up to `maxCommands` commands, of any length in that range: fast-check's default
 * size keeps arrays short, and a lifecycle needs a run of commands to get anywhere.
 */
export function commandSequences<C>(command: fc.Arbitrary<C>, maxCommands = 40): fc.Arbitrary<C[]> {
  return fc.array(command, { maxLength: maxCommands, size: 'max' });
}

/** A state as a stored snapshot gives it back: only what JSON keeps (no undefined, Date, Set, Map or class). */
export function asStoredSnapshot<S>(state: S): S {
  return JSON.parse(JSON.stringify(state)) as S;
}

/**
 * The property every decider with a snapshot policy must have: for any history and any cut point
 * k, folding events[k..] onto the stored snapshot of events[..k] gives the state a full replay
 * gives. It fails for a state JSON cannot carry, or an evolve that depends on more than the state
 * it is given. `command` is one command; histories are sequences of up to `maxCommands` of them.
 */
export function snapshotEqualsReplay<C, E, S>(
  decider: Decider<C, E, S>,
  command: fc.Arbitrary<C>,
  options: { maxCommands?: number; numRuns?: number } = {},
): void {
  const { maxCommands = 40, numRuns = 200 } = options;
  fc.assert(
    fc.property(commandSequences(command, maxCommands), (commands) => {
      const events = historyOf(decider, commands);
      const replayed = foldEvents(decider, events);
      for (let k = 0; k <= events.length; k++) {
        const snapshot = asStoredSnapshot(events.slice(0, k).reduce(decider.evolve, decider.initialState));
        expect(events.slice(k).reduce(decider.evolve, snapshot)).toEqual(replayed);
      }
    }),
    { numRuns },
  );
}

/** The event types the generated histories reach, over many samples: a harness that only ever sees empty histories proves nothing. */
export function typesReached<C, E extends { type: string }, S>(decider: Decider<C, E, S>, command: fc.Arbitrary<C>): string[] {
  // A fixed seed: what this checks is the generators, and it must not pass or fail by luck.
  const histories = fc.sample(commandSequences(command), { numRuns: 1000, seed: 20261123 }).map((commands) => historyOf(decider, commands));
  return [...new Set(histories.flat().map((event) => event.type))].sort();
}
