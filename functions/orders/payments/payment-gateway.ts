import type { ChargeOutcome, Money } from '../domain';

/**
 * The port to a card processor. Both calls are idempotent per order (the order id is the
 * idempotency key), so a retried step never charges or refunds twice.
 */
export type PaymentGateway = {
  /** `attempt` counts this order's charge attempts (1 for the first): a real processor has no use for it, the simulator does. */
  charge(request: { orderId: string; amount: Money; paymentMethod: string; attempt: number }): Promise<ChargeOutcome>;
  refund(request: { orderId: string; chargeId: string; amount: Money }): Promise<{ refundId: string }>;
};

/** The gateway could not answer; trying again later may work (a Step Functions Retry matches the name). */
export class PaymentGatewayUnavailable extends Error {
  constructor(
    message: string,
    readonly context: { orderId: string; attempt: number },
  ) {
    super(message);
    this.name = 'PaymentGatewayUnavailable';
  }
}
