import { assertNever, orderTotal, type Money, type OrderEvent, type OrderLine } from '../domain';

/** A row of the orders view: what `GET /orders/{id}` answers. */
export type OrderView = {
  orderId: string;
  customerId: string;
  status: 'draft' | 'placed' | 'confirmed' | 'cancelled';
  currency: string;
  items: OrderLine[];
  total: Money;
  createdAt: string;
  updatedAt: string;
  cancellationReason?: string;
  version: number;
};

/** Folds one order event into the view row (pure; the caller guarantees version order). */
export function applyOrderEvent(view: OrderView | undefined, event: OrderEvent, meta: { version: number; at: string }): OrderView {
  if (event.type === 'OrderCreated') {
    const { orderId, customerId, currency, items, createdAt } = event.data;
    return { orderId, customerId, status: 'draft', currency, items, total: orderTotal(items, currency), createdAt, updatedAt: meta.at, version: meta.version };
  }
  if (!view) throw new Error(`${event.type} at version ${meta.version} has no OrderCreated before it`);
  const next = { ...view, updatedAt: meta.at, version: meta.version };
  switch (event.type) {
    case 'OrderPlaced':
      return { ...next, status: 'placed', items: event.data.items, total: event.data.total };
    case 'OrderConfirmed':
      return { ...next, status: 'confirmed' };
    case 'OrderCancelled':
      return { ...next, status: 'cancelled', cancellationReason: event.data.reason };
    default:
      return assertNever(event);
  }
}
