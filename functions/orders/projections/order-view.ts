import { assertNever, orderTotal, withLine, type Money, type OrderEvent, type OrderLine, type OrderStatus, type ShippingAddress } from '../domain';

/** A row of the orders view: what `GET /orders/{id}` answers. */
export type OrderView = {
  orderId: string;
  customerId: string;
  status: Exclude<OrderStatus, 'none'>;
  currency: string;
  items: OrderLine[];
  total: Money;
  shippingAddress?: ShippingAddress;
  trackingNumber?: string;
  cancellationReason?: string;
  cancelledBy?: string;
  rejectionReason?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
};

/** Folds one order event into the view row (pure; the caller guarantees version order). */
export function applyOrderEvent(view: OrderView | undefined, event: OrderEvent, meta: { version: number; at: string }): OrderView {
  if (event.type === 'OrderCreated') {
    const { orderId, customerId, currency, items, shippingAddress, createdAt } = event.data;
    return { orderId, customerId, status: 'draft', currency, items, total: orderTotal(items, currency), shippingAddress, createdAt, updatedAt: meta.at, version: meta.version };
  }
  if (!view) throw new Error(`${event.type} at version ${meta.version} has no OrderCreated before it`);
  const next = { ...view, updatedAt: meta.at, version: meta.version };
  switch (event.type) {
    case 'ItemAdded':
      return withItems(next, withLine(view.items, event.data.line));
    case 'ItemRemoved':
      return withItems(next, view.items.filter((line) => line.sku !== event.data.sku));
    case 'OrderPlaced':
      return { ...next, status: 'placed', items: event.data.items, total: event.data.total };
    case 'OrderConfirmed':
      return { ...next, status: 'confirmed' };
    case 'OrderShipped':
      return { ...next, status: 'shipped', trackingNumber: event.data.trackingNumber };
    case 'OrderDelivered':
      return { ...next, status: 'delivered' };
    case 'OrderCancelled':
      return { ...next, status: 'cancelled', cancellationReason: event.data.reason, cancelledBy: event.data.by };
    case 'OrderRejected':
      return { ...next, status: 'rejected', rejectionReason: event.data.reason };
    default:
      return assertNever(event);
  }
}

function withItems(view: OrderView, items: OrderLine[]): OrderView {
  return { ...view, items, total: orderTotal(items, view.currency) };
}
