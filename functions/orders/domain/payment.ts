import { assertNever } from '../../platform/domain/decider';
import type { Money } from '../../platform/domain/money';

/** What the payment gateway answered to a charge: the money moved, or the card was refused. */
export type ChargeOutcome = { status: 'charged'; chargeId: string } | { status: 'declined'; reason: string };

/**
 * What became of a charge attempt, asked of the gateway by its idempotency key when the attempt's
 * answer was never recorded: it charged, it declined, or it had not charged and is now void (the
 * gateway will refuse that key from now on, so a late request cannot charge after all).
 */
export type AttemptOutcome = ChargeOutcome | { status: 'voided' };

export type PaymentEvent =
  | { type: 'PaymentAttempted'; data: { orderId: string; amount: Money; idempotencyKey: string; attemptedAt: string } }
  | { type: 'PaymentCharged'; data: { orderId: string; amount: Money; chargeId: string; chargedAt: string } }
  | { type: 'PaymentDeclined'; data: { orderId: string; amount: Money; reason: string; declinedAt: string } }
  | { type: 'PaymentVoided'; data: { orderId: string; amount: Money; idempotencyKey: string; voidedAt: string } }
  | { type: 'PaymentRefunded'; data: { orderId: string; amount: Money; chargeId: string; refundId: string; refundedAt: string } };

/**
 * The gateway is called between deciding (the decider does no I/O): AttemptPayment records the
 * intent before the gateway is asked, ChargePayment carries what it answered, SettleAttempt what
 * it said of an attempt whose answer was lost, RefundPayment the refund it issued.
 */
export type PaymentCommand =
  | { type: 'AttemptPayment'; data: { orderId: string; amount: Money; idempotencyKey: string }; metadata: { now: string } }
  | { type: 'ChargePayment'; data: { orderId: string; amount: Money; outcome: ChargeOutcome }; metadata: { now: string } }
  | { type: 'SettleAttempt'; data: { orderId: string; outcome: AttemptOutcome }; metadata: { now: string } }
  | { type: 'RefundPayment'; data: { orderId: string; refundId: string }; metadata: { now: string } };

/**
 * One payment per order: none yet; attempted (the gateway may have been asked, its answer not
 * recorded); then charged, declined or voided; a charge maybe refunded.
 */
export type PaymentState =
  | { status: 'none' }
  | { status: 'attempted'; orderId: string; amount: Money; idempotencyKey: string }
  | { status: 'charged'; orderId: string; amount: Money; chargeId: string }
  | { status: 'declined'; orderId: string; amount: Money; reason: string }
  | { status: 'voided'; orderId: string; amount: Money }
  | { status: 'refunded'; orderId: string; amount: Money; chargeId: string; refundId: string };

export const initialPaymentState: PaymentState = { status: 'none' };

/** Applies one payment event; each one says all there is to know, so the state before does not matter. */
export function evolvePayment(_state: PaymentState, event: PaymentEvent): PaymentState {
  switch (event.type) {
    case 'PaymentAttempted': {
      const { orderId, amount, idempotencyKey } = event.data;
      return { status: 'attempted', orderId, amount, idempotencyKey };
    }
    case 'PaymentCharged': {
      const { orderId, amount, chargeId } = event.data;
      return { status: 'charged', orderId, amount, chargeId };
    }
    case 'PaymentDeclined': {
      const { orderId, amount, reason } = event.data;
      return { status: 'declined', orderId, amount, reason };
    }
    case 'PaymentVoided': {
      const { orderId, amount } = event.data;
      return { status: 'voided', orderId, amount };
    }
    case 'PaymentRefunded': {
      const { orderId, amount, chargeId, refundId } = event.data;
      return { status: 'refunded', orderId, amount, chargeId, refundId };
    }
    default:
      return assertNever(event);
  }
}

/** The gateway's idempotency key for an order's charge: one charge per order, however often it is asked. */
export function chargeIdempotencyKey(orderId: string): string {
  return `charge-${orderId}`;
}
