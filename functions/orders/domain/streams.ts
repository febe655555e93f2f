/** The event-store stream of an order. */
export const orderStreamId = (orderId: string): string => `order#${orderId}`;

/** The event-store stream of a product. */
export const productStreamId = (sku: string): string => `product#${sku}`;

/** The event-store stream of an order's hold on stock. */
export const reservationStreamId = (orderId: string): string => `reservation#${orderId}`;

/** The event-store stream of an order's payment. */
export const paymentStreamId = (orderId: string): string => `payment#${orderId}`;

/** The aggregates of the orders context; a stream id is `<aggregate>#<id>`. */
export const ORDER_AGGREGATES = ['order', 'product', 'reservation', 'payment'] as const;
export type OrderAggregate = (typeof ORDER_AGGREGATES)[number];
