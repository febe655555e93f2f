import type { ChargeOutcome, Money } from '../domain';
import { PaymentGatewayUnavailable, type PaymentGateway } from './payment-gateway';
import type { SimulatorLedger } from './simulator-ledger';

/** The card the simulator charges when an order names none. */
export const DEFAULT_PAYMENT_METHOD = 'tok_visa';
/** Always declined. */
export const DECLINING_TOKEN = 'tok_declined';
/** `tok_unavailable_<n>`: the gateway is unavailable for the first n charge attempts of an order. */
const UNAVAILABLE_TOKEN = /^tok_unavailable_(\d{1,2})$/;

export type SimulatorOptions = {
  /** Charges above this many minor units are declined, whatever the card. */
  amountLimit: number;
  /** Where it keeps what it did per idempotency key. */
  ledger: SimulatorLedger;
};

/**
 * A deterministic stand-in for a card processor, for local runs and demos, that keeps its own
 * records per idempotency key as a real processor does:
 * - `tok_declined` is declined;
 * - an amount above `amountLimit` is declined;
 * - `tok_unavailable_<n>` throws PaymentGatewayUnavailable on the first n attempts for an order,
 *   then charges (the caller counts the attempts, on the kept payment method: a function has many
 *   execution environments, and a count in one's memory would not be the order's);
 * - any other token is charged, with a charge id derived from the order id;
 * - a key asked again answers what it answered first; a key settled before it charged is voided
 *   and declines every later charge;
 * - its records unreachable (its table failing) is PaymentGatewayUnavailable, as a processor that
 *   does not answer.
 */
export function simulatedGateway({ amountLimit, ledger }: SimulatorOptions): PaymentGateway {
  return {
    async charge({ idempotencyKey, orderId, amount, paymentMethod, attempt }): Promise<ChargeOutcome> {
      const unavailableFor = Number(UNAVAILABLE_TOKEN.exec(paymentMethod)?.[1] ?? 0);
      if (attempt <= unavailableFor) {
        throw new PaymentGatewayUnavailable(`the payment gateway is unavailable (attempt ${attempt} of ${unavailableFor} that fail)`, { orderId, attempt });
      }
      const decided = decide(orderId, amount, paymentMethod, amountLimit);
      const standing = await reach(idempotencyKey, () => ledger.record({ idempotencyKey, outcome: decided, amount }));
      if (standing.outcome.status === 'voided') return { status: 'declined', reason: 'the payment was cancelled before it was charged' };
      return standing.outcome;
    },
    async settle(idempotencyKey) {
      const standing = await reach(idempotencyKey, () => ledger.record({ idempotencyKey, outcome: { status: 'voided' } }));
      return standing.outcome;
    },
    async refund({ idempotencyKey, chargeId }) {
      return { refundId: await reach(idempotencyKey, () => ledger.refund(idempotencyKey, `re_${chargeId.replace(/^ch_/, '')}`)) };
    },
  };
}

function decide(orderId: string, amount: Money, paymentMethod: string, amountLimit: number): ChargeOutcome {
  if (paymentMethod === DECLINING_TOKEN) return { status: 'declined', reason: 'the card was declined' };
  if (amount.amount > amountLimit) {
    return { status: 'declined', reason: `${formatAmount(amount)} is above the card's limit of ${formatAmount({ ...amount, amount: amountLimit })}` };
  }
  return { status: 'charged', chargeId: `ch_${orderId}` };
}

/** The ledger's failures are the processor not answering. */
async function reach<T>(idempotencyKey: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new PaymentGatewayUnavailable(`the payment gateway did not answer: ${(error as Error).message}`, { idempotencyKey });
  }
}

function formatAmount({ amount, currency }: Money): string {
  return `${amount} ${currency} minor units`;
}
