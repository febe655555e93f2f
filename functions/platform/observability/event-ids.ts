import { parseStreamId } from '../domain';
import type { LogIds } from './logger';

/** Aggregates whose stream id is the order's id: an order, its payment and its reservation. */
const ORDER_KEYED = new Set(['order', 'payment', 'reservation']);

/** The log ids of an event, stored or on the bus: its correlation id, and the order or transfer it is about when there is one. */
export function logIdsOf(streamId: string, correlationId: string | undefined): LogIds {
  const stream = parseStreamId(streamId);
  return {
    correlationId,
    orderId: stream && ORDER_KEYED.has(stream.aggregate) ? stream.id : undefined,
    transferId: stream?.aggregate === 'transfer' ? stream.id : undefined,
  };
}
