import { BUSINESS_REJECTIONS, TRANSFER_REJECTIONS } from '../contract/saga-errors';

/** What a Catch puts at its resultPath: the error name and its cause. */
export type CaughtFailure = { Error?: string; Cause?: string };

/** See the contract: domain errors that reject the order; anything else cancels it as a failure. */
const REJECTIONS: ReadonlySet<string> = new Set(BUSINESS_REJECTIONS);
const TRANSFER_REFUSALS: ReadonlySet<string> = new Set(TRANSFER_REJECTIONS);

/**
 * What the customer is told when the order failed for a reason that is not theirs to fix (a crash,
 * a timeout, a service down): a fixed text. The failure itself stays in the logs and the
 * execution's cause, where an operator reads it, never in the order or a notification.
 */
export const FAILURE_NOTICE = 'we could not complete this order because of a problem on our side; anything charged has been refunded';

export function isBusinessRejection(failure: CaughtFailure | undefined): boolean {
  return REJECTIONS.has(failure?.Error ?? '');
}

/** Whether a transfer saga's failure is a business rule's refusal (the transfer is rejected, not failed). */
export function isTransferRejection(failure: CaughtFailure | undefined): boolean {
  return TRANSFER_REFUSALS.has(failure?.Error ?? '');
}

/**
 * A reason a person can read. For a function error the Cause is the Lambda error as JSON and its
 * message is the domain's own words ("insufficient stock for …"); for a timeout or a States.*
 * error the Cause is plain text or empty, so the error name is the best there is.
 */
export function failureReason(failure: CaughtFailure | undefined): string {
  try {
    const cause: unknown = JSON.parse(failure?.Cause ?? '');
    if (cause && typeof cause === 'object' && 'errorMessage' in cause && typeof cause.errorMessage === 'string') {
      return cause.errorMessage;
    }
  } catch {
    // Not JSON: fall through to the error name.
  }
  return failure?.Error ?? 'the saga failed';
}
