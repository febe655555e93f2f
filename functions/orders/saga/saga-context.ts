import type { Money, OrderEvent } from '../domain';
import type { AppendContext } from '../../platform/eventstore';
import type { StepInput } from './order-saga-step';

/**
 * Events the saga appends carry the correlation id of the request that placed the order (the
 * order id for an execution started without one, by an older starter).
 */
export function sagaContext(input: StepInput, step: string): AppendContext {
  return { correlationId: input.correlationId ?? input.orderId, causationId: `order-saga:${step}`, actor: 'order-saga' };
}

/** The lines a stock step works on. */
export type SagaLines = StepInput & { lines: { sku: string; quantity: number }[] };

/**
 * The saga's input, as the starter builds it from OrderPlaced. Every field is present (null for
 * no payment method): a JSONPath to a missing field is a States.Runtime error. The payment
 * method is a reference: the token itself never enters the execution's history.
 */
export type SagaInput = SagaLines & { correlationId: string; total: Money; paymentMethodRef: string | null; placedAt: string };

/**
 * The saga's input for a placed order: what its steps need, a payment reference (never a token),
 * when it was placed (for the place → confirmed latency) and the correlation id of the request
 * that placed it, which every step passes on to its log lines and its events.
 */
export function sagaInputOf({ data }: Extract<OrderEvent, { type: 'OrderPlaced' }>, correlationId: string): SagaInput {
  return {
    orderId: data.orderId,
    correlationId,
    lines: data.items.map(({ sku, quantity }) => ({ sku, quantity })),
    total: data.total,
    paymentMethodRef: data.paymentMethodRef ?? null,
    placedAt: data.placedAt,
  };
}
