import type { CaughtFailure } from '../../platform/saga/failure-reason';
import { BUSINESS_REJECTIONS } from '../contract/saga-errors';

/** See the contract: domain errors that reject the order; anything else cancels it as a failure. */
const REJECTIONS: ReadonlySet<string> = new Set(BUSINESS_REJECTIONS);

/**
 * What the customer is told when the order failed for a reason that is not theirs to fix (a crash,
 * a timeout, a service down): a fixed text. The failure itself stays in the logs and the
 * execution's cause, where an operator reads it, never in the order or a notification.
 */
export const FAILURE_NOTICE = 'we could not complete this order because of a problem on our side; anything charged has been refunded';

/** Whether the order saga's failure is a business rule's rejection (the order is rejected, not cancelled after a failure). */
export function isBusinessRejection(failure: CaughtFailure | undefined): boolean {
  return REJECTIONS.has(failure?.Error ?? '');
}
