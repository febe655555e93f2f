import type { ChargeOutcome, Money } from '../domain';
import { PaymentGatewayUnavailable, type PaymentGateway } from './payment-gateway';

/** The card the simulator charges when an order names none. */
export const DEFAULT_PAYMENT_METHOD = 'tok_visa';
/** Always declined. */
export const DECLINING_TOKEN = 'tok_declined';
/** `tok_unavailable_<n>`: the gateway is unavailable for the first n charge attempts of an order. */
const UNAVAILABLE_TOKEN = /^tok_unavailable_(\d{1,2})$/;

export type SimulatorOptions = {
  /** Charges above this many minor units are declined, whatever the card. */
  amountLimit: number;
};

/**
 * A deterministic stand-in for a card processor, for local runs and demos:
 * - `tok_declined` is declined;
 * - an amount above `amountLimit` is declined;
 * - `tok_unavailable_<n>` throws PaymentGatewayUnavailable on the first n attempts for an order,
 *   then charges (the caller counts the attempts, on the kept payment method: a function has many
 *   execution environments, and a count in one's memory would not be the order's);
 * - any other token is charged, with a charge id derived from the order id (idempotent).
 */
export function simulatedGateway(options: SimulatorOptions): PaymentGateway {
  return {
    async charge({ orderId, amount, paymentMethod, attempt }): Promise<ChargeOutcome> {
      const unavailableFor = Number(UNAVAILABLE_TOKEN.exec(paymentMethod)?.[1] ?? 0);
      if (attempt <= unavailableFor) {
        throw new PaymentGatewayUnavailable(`the payment gateway is unavailable (attempt ${attempt} of ${unavailableFor} that fail)`, { orderId, attempt });
      }
      if (paymentMethod === DECLINING_TOKEN) return { status: 'declined', reason: 'the card was declined' };
      if (amount.amount > options.amountLimit) {
        return { status: 'declined', reason: `${formatAmount(amount)} is above the card's limit of ${formatAmount({ ...amount, amount: options.amountLimit })}` };
      }
      return { status: 'charged', chargeId: `ch_${orderId}` };
    },
    async refund({ orderId }) {
      return { refundId: `re_${orderId}` };
    },
  };
}

function formatAmount({ amount, currency }: Money): string {
  return `${amount} ${currency} minor units`;
}
