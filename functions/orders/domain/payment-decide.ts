import { assertNever } from '../../platform/domain/decider';
import { money } from '../../platform/domain/money';
import type { ChargeOutcome, PaymentCommand, PaymentEvent, PaymentState } from './payment';

/**
 * Decides a payment command. Idempotent per order: the intent is recorded once, before the gateway
 * is first asked; its answer (or, when that answer was lost, what the gateway says of the attempt)
 * is recorded once; a refund needs a charge and happens once. Anything asked out of turn records
 * nothing.
 */
export function decidePayment(command: PaymentCommand, state: PaymentState): PaymentEvent[] {
  switch (command.type) {
    case 'AttemptPayment': {
      if (state.status !== 'none') return [];
      const { orderId, amount, idempotencyKey } = command.data;
      money(amount.amount, amount.currency);
      return [{ type: 'PaymentAttempted', data: { orderId, amount, idempotencyKey, attemptedAt: command.metadata.now } }];
    }
    case 'ChargePayment': {
      // `none`: a stream written before intents were recorded.
      if (state.status !== 'none' && state.status !== 'attempted') return [];
      const { orderId, amount } = command.data;
      money(amount.amount, amount.currency);
      return [outcomeEvent(orderId, amount, command.data.outcome, command.metadata.now)];
    }
    case 'SettleAttempt': {
      if (state.status !== 'attempted') return [];
      const { orderId, amount, idempotencyKey } = state;
      const { outcome } = command.data;
      if (outcome.status === 'voided') return [{ type: 'PaymentVoided', data: { orderId, amount, idempotencyKey, voidedAt: command.metadata.now } }];
      return [outcomeEvent(orderId, amount, outcome, command.metadata.now)];
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

function outcomeEvent(orderId: string, amount: PaymentEvent['data']['amount'], outcome: ChargeOutcome, now: string): PaymentEvent {
  if (outcome.status === 'charged') return { type: 'PaymentCharged', data: { orderId, amount, chargeId: outcome.chargeId, chargedAt: now } };
  return { type: 'PaymentDeclined', data: { orderId, amount, reason: outcome.reason, declinedAt: now } };
}
