import type { CaughtFailure } from '../../platform/saga/failure-reason';
import { BUSINESS_REJECTIONS } from '../contract/saga-errors';

/** See the contract: domain errors that reject the order; anything else cancels it as a failure. */
const REJECTIONS: ReadonlySet<string> = new Set(BUSINESS_REJECTIONS);

import type { PaymentState } from '../domain';

/**
 * What the customer is told when the order failed for a reason that is not theirs to fix (a crash,
 * a timeout, a service down): a fixed text, and what became of their money as the payment's
 * stream says after the refund step. The failure itself stays in the logs and the execution's
 * cause, where an operator reads it, never in the order or a notification.
 */
export function failureNotice(payment: PaymentState['status']): string {
  return `we could not complete this order because of a problem on our side; ${moneyNotice(payment)}`;
}

/** What became of the customer's money, in their words. */
export function moneyNotice(payment: PaymentState['status']): string {
  switch (payment) {
    case 'refunded':
      return 'your payment has been refunded';
    case 'charged':
    case 'attempted':
      // The refund failed past its retries: recorded for a person, who will see it through.
      return 'your payment will be refunded';
    default:
      return 'you have not been charged';
  }
}

/** Whether the order saga's failure is a business rule's rejection (the order is rejected, not cancelled after a failure). */
export function isBusinessRejection(failure: CaughtFailure | undefined): boolean {
  return REJECTIONS.has(failure?.Error ?? '');
}
