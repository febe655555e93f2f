/** The event-store stream of an order. */
export const orderStreamId = (orderId: string): string => `order#${orderId}`;

/** The event-store stream of a product. */
export const productStreamId = (sku: string): string => `product#${sku}`;

/** Which aggregate a stream belongs to, or undefined for a stream that is not ours. */
export function parseStreamId(streamId: string): { aggregate: 'order' | 'product'; id: string } | undefined {
  const match = /^(order|product)#(.+)$/.exec(streamId);
  return match ? { aggregate: match[1] as 'order' | 'product', id: match[2] as string } : undefined;
}

/** The event-store stream of an order's payment. */
export const paymentStreamId = (orderId: string): string => `payment#${orderId}`;
