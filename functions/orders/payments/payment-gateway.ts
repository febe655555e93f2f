import type { AttemptOutcome, ChargeOutcome, Money } from '../domain';

/**
 * The port to a card processor. Every call names the charge by its idempotency key (one per
 * order, `chargeIdempotencyKey`), so a retried step never charges or refunds twice, and an attempt
 * whose answer was lost can be asked about afterwards.
 */
export type PaymentGateway = {
  /** `attempt` counts this order's charge attempts (1 for the first): a real processor has no use for it, the simulator does. */
  charge(request: { idempotencyKey: string; orderId: string; amount: Money; paymentMethod: string; attempt: number }): Promise<ChargeOutcome>;
  /**
   * What became of the charge under this key, for an attempt whose answer was never recorded: what
   * it charged or declined; or, when it has not charged, `voided`, and the processor refuses the key
   * from then on (as a real processor cancels a payment intent), so a request still on its way
   * cannot charge after the order was given up.
   */
  settle(idempotencyKey: string): Promise<AttemptOutcome>;
  refund(request: { idempotencyKey: string; chargeId: string; amount: Money }): Promise<{ refundId: string }>;
};

/** The gateway could not answer; trying again later may work (a Step Functions Retry matches the name). */
export class PaymentGatewayUnavailable extends Error {
  constructor(
    message: string,
    readonly context: { orderId?: string; idempotencyKey?: string; attempt?: number },
  ) {
    super(message);
    this.name = 'PaymentGatewayUnavailable';
  }
}
