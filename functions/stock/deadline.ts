import type { Context } from 'aws-lambda';
import type { Deadline } from './order-stock';

/** Time left for the function to answer after the last try gives up. */
const ANSWER_MARGIN_MS = 1500;
/** Without a Lambda context (a test calling the handler), this long. */
const WITHOUT_CONTEXT_MS = 10_000;

/** When a stock operation in this invocation stops trying: shortly before the function times out. */
export function deadlineOf(context?: Pick<Context, 'getRemainingTimeInMillis'>): Deadline {
  // A handler called without Lambda's context (a test, through middy) gets `{}`.
  return Date.now() + (typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS : WITHOUT_CONTEXT_MS);
}
