import { assertNever } from '../../platform/domain/decider';
import { money } from '../../platform/domain/money';
import type { PaymentCommand, PaymentEvent, PaymentState } from './payment';

/**
 * Decides a payment command. Idempotent per order: once the order's payment is charged, declined
 * or refunded, charging again records nothing. A refund needs a charge and happens once, so
 * refunding what was never charged, or refunding twice, records nothing either.
 */
export function decidePayment(command: PaymentCommand, state: PaymentState): PaymentEvent[] {
  switch (command.type) {
    case 'ChargePayment': {
      if (state.status !== 'none') return [];
      const { orderId, amount, outcome } = command.data;
      money(amount.amount, amount.currency);
      if (outcome.status === 'charged') {
        return [{ type: 'PaymentCharged', data: { orderId, amount, chargeId: outcome.chargeId, chargedAt: command.metadata.now } }];
      }
      return [{ type: 'PaymentDeclined', data: { orderId, amount, reason: outcome.reason, declinedAt: command.metadata.now } }];
    }
    case 'RefundPayment': {
      if (state.status !== 'charged') return [];
      const { orderId, amount, chargeId } = state;
      return [{ type: 'PaymentRefunded', data: { orderId, amount, chargeId, refundId: command.data.refundId, refundedAt: command.metadata.now } }];
    }
    default:
      return assertNever(command);
  }
}
