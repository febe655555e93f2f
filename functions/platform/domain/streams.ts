/** The event-store stream of an order. */
export const orderStreamId = (orderId: string): string => `order#${orderId}`;

/** The event-store stream of a product. */
export const productStreamId = (sku: string): string => `product#${sku}`;

/** The event-store stream of an order's hold on stock. */
export const reservationStreamId = (orderId: string): string => `reservation#${orderId}`;

/** The event-store stream of a bank account. */
export const accountStreamId = (accountId: string): string => `account#${accountId}`;

/** The event-store stream of a money transfer: what its saga did, each leg once. */
export const transferStreamId = (transferId: string): string => `transfer#${transferId}`;

/** Every aggregate of the store; a stream id is `<aggregate>#<id>`. */
export const AGGREGATES = ['order', 'product', 'reservation', 'payment', 'account', 'transfer'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

/** The prefix of every stream of an aggregate (`order#`…), as stream filters match them. */
export const streamPrefix = (aggregate: Aggregate): string => `${aggregate}#`;

/** Which aggregate a stream belongs to, or undefined for a stream that is not ours. */
export function parseStreamId(streamId: string): { aggregate: Aggregate; id: string } | undefined {
  const hash = streamId.indexOf('#');
  const aggregate = AGGREGATES.find((name) => name === streamId.slice(0, hash));
  return aggregate && hash < streamId.length - 1 ? { aggregate, id: streamId.slice(hash + 1) } : undefined;
}

/** The event-store stream of an order's payment. */
export const paymentStreamId = (orderId: string): string => `payment#${orderId}`;
