import type { OrderEvent, ProductEvent } from '../domain';

/**
 * The orders context's integration events: what it tells the rest of the system on the bus, and
 * all a rule anywhere may listen for. An order's life from the moment it is placed, and the
 * catalogue's changes. A draft's edits, stock reservations and payments stay inside the context
 * (its views and its saga read them from its own store): publishing them would cost a bus event
 * and a forwarder invocation each, for no listener, and would make them a contract.
 */
export const PUBLISHED_EVENTS = [
  'OrderPlaced',
  'OrderConfirmed',
  'OrderRejected',
  'OrderCancelled',
  'OrderShipped',
  'OrderDelivered',
  'ProductAdded',
  'StockAdded',
] as const satisfies readonly (OrderEvent['type'] | ProductEvent['type'])[];
