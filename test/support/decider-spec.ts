import { foldEvents, type Decider } from '../../functions/platform/domain';

/**
 * Given/when/then for deciders: `given(decider, events).when(command).then(events)` or
 * `.thenThrows(ErrorClass)`. Nothing is stored: a decider is a pure function of its history.
 */
export function given<C, E, S>(decider: Decider<C, E, S>, history: E[] = []) {
  const state = foldEvents(decider, history);
  return {
    when(command: C) {
      const decide = () => decider.decide(command, state);
      return {
        then(expected: E[]): void {
          expect(decide()).toEqual(expected);
        },
        thenThrows(error: new (...args: never[]) => Error, message?: RegExp): void {
          expect(decide).toThrow(error);
          if (message) expect(decide).toThrow(message);
        },
      };
    },
  };
}
