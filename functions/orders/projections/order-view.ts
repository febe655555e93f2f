import { assertNever, orderTotal, withLine, type Money, type OrderEvent, type OrderLine, type OrderStatus, type ShippingAddress } from '../domain';

/**
 * The one partition of the index of every order by creation time (an admin's unfiltered
 * `GET /orders`, newest first). One partition takes about 1000 writes a second (each write of an
 * order's row is one): past that it is a hot partition and throttles the projection, and the index
 * needs sharding by a suffix (`all#0`…`all#9`) with the listing merging the shards' pages.
 */
export const ORDERS_FEED = 'all';

/** A row of the orders view: what `GET /orders/{id}` answers. */
export type OrderView = {
  /** The same for every order: the partition of the index that lists them all by time. */
  feed: typeof ORDERS_FEED;
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
    return { feed: ORDERS_FEED, orderId, customerId, status: 'draft', currency, items, total: orderTotal(items, currency), shippingAddress, createdAt, updatedAt: meta.at, version: meta.version };
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
