import type { Context } from 'aws-lambda';

/** Epoch milliseconds after which no new try starts. */
export type Deadline = number;

/** Time left for the function to answer after the last try gives up. */
const ANSWER_MARGIN_MS = 1500;
/** Without a Lambda context (a test calling the handler), this long. */
const WITHOUT_CONTEXT_MS = 10_000;

/** When a write that loses races (a reservation, a transfer leg) stops trying in this invocation: shortly before the function times out. */
export function deadlineOf(context?: Pick<Context, 'getRemainingTimeInMillis'>): Deadline {
  // A handler called without Lambda's context (a test, through middy) gets `{}`.
  return Date.now() + (typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS : WITHOUT_CONTEXT_MS);
}
