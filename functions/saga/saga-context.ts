import type { Money, OrderEvent } from '../domain';
import type { AppendContext } from '../eventstore';

/** Events the saga appends are correlated with the order they act for. */
export function sagaContext(orderId: string, step: string): AppendContext {
  return { correlationId: orderId, causationId: `order-saga:${step}`, actor: 'order-saga' };
}

/** The lines a stock step works on. */
export type SagaLines = { orderId: string; lines: { sku: string; quantity: number }[] };

/**
 * The saga's input, as the starter builds it from OrderPlaced. Every field is present (null for
 * no payment method): a JSONPath to a missing field is a States.Runtime error. The payment
 * method is a reference: the token itself never enters the execution's history.
 */
export type SagaInput = SagaLines & { total: Money; paymentMethodRef: string | null };

/** The saga's input for a placed order: what its steps need, and a payment reference, never a token. */
export function sagaInputOf({ data }: Extract<OrderEvent, { type: 'OrderPlaced' }>): SagaInput {
  return { orderId: data.orderId, lines: data.items.map(({ sku, quantity }) => ({ sku, quantity })), total: data.total, paymentMethodRef: data.paymentMethodRef ?? null };
}
