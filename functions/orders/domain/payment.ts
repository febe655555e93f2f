import { assertNever } from '../../platform/domain/decider';
import type { Money } from '../../platform/domain/money';

/** What the payment gateway answered to a charge: the money moved, or the card was refused. */
export type ChargeOutcome = { status: 'charged'; chargeId: string } | { status: 'declined'; reason: string };

export type PaymentEvent =
  | { type: 'PaymentCharged'; data: { orderId: string; amount: Money; chargeId: string; chargedAt: string } }
  | { type: 'PaymentDeclined'; data: { orderId: string; amount: Money; reason: string; declinedAt: string } }
  | { type: 'PaymentRefunded'; data: { orderId: string; amount: Money; chargeId: string; refundId: string; refundedAt: string } };

/**
 * The gateway is called before deciding (the decider does no I/O): ChargePayment carries what it
 * answered, RefundPayment the refund it issued.
 */
export type PaymentCommand =
  | { type: 'ChargePayment'; data: { orderId: string; amount: Money; outcome: ChargeOutcome }; metadata: { now: string } }
  | { type: 'RefundPayment'; data: { orderId: string; refundId: string }; metadata: { now: string } };

/** One payment per order: none yet, charged, declined, or charged and then refunded. */
export type PaymentState =
  | { status: 'none' }
  | { status: 'charged'; orderId: string; amount: Money; chargeId: string }
  | { status: 'declined'; orderId: string; amount: Money; reason: string }
  | { status: 'refunded'; orderId: string; amount: Money; chargeId: string; refundId: string };

export const initialPaymentState: PaymentState = { status: 'none' };

/** Applies one payment event; each one says all there is to know, so the state before does not matter. */
export function evolvePayment(_state: PaymentState, event: PaymentEvent): PaymentState {
  switch (event.type) {
    case 'PaymentCharged': {
      const { orderId, amount, chargeId } = event.data;
      return { status: 'charged', orderId, amount, chargeId };
    }
    case 'PaymentDeclined': {
      const { orderId, amount, reason } = event.data;
      return { status: 'declined', orderId, amount, reason };
    }
    case 'PaymentRefunded': {
      const { orderId, amount, chargeId, refundId } = event.data;
      return { status: 'refunded', orderId, amount, chargeId, refundId };
    }
    default:
      return assertNever(event);
  }
}
