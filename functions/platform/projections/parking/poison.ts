import { isTransientError } from './transient-error';

/** What a pure step made of one event: its result, or why the event cannot be applied. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Runs a pure step (a view's `apply`, the stats' delta) on one event. The step does no I/O, so
 * whatever it throws is about the event itself (an unknown type, a malformed shape, an amount
 * that overflows): the event is poison, and retrying it can only fail the same way. An error that
 * looks transient all the same is thrown on, so that it is retried and never parked.
 */
export function attempt<T>(step: () => T): Attempt<T> {
  try {
    return { ok: true, value: step() };
  } catch (error) {
    if (isTransientError(error)) throw error;
    return { ok: false, reason: describe(error) };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
