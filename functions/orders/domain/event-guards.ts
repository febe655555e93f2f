import { eventGuard, type UntypedEvent } from '../../platform/domain/event-guards';
import type { OrderEvent } from './order';
import type { ProductEvent } from './product';

/** Whether a stored event is one of the order decider's, by its type (and has data). */
export const isOrderEvent = eventGuard<OrderEvent>({
  OrderCreated: true,
  ItemAdded: true,
  ItemRemoved: true,
  OrderPlaced: true,
  OrderConfirmed: true,
  OrderCancelled: true,
  OrderRejected: true,
  OrderShipped: true,
  OrderDelivered: true,
});

/** Whether a stored event is one of the product decider's, by its type (and has data). */
export const isProductEvent = eventGuard<ProductEvent>({
  ProductAdded: true,
  StockAdded: true,
});

/** Whether an event is the order event of this type (see {@link isOrderEvent}). */
export function isOrderEventOfType<E extends UntypedEvent, T extends OrderEvent['type']>(event: E, type: T): event is E & Extract<OrderEvent, { type: T }> {
  return event.type === type && isOrderEvent(event);
}
