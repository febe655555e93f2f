import type { AppendContext } from '../eventstore';

/** Events the saga appends are correlated with the order they act for. */
export function sagaContext(orderId: string, step: string): AppendContext {
  return { correlationId: orderId, causationId: `order-saga:${step}`, actor: 'order-saga' };
}

/** The saga's input, as the starter builds it from OrderPlaced. */
export type SagaLines = { orderId: string; lines: { sku: string; quantity: number }[] };
