import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseStreamId, type OrderEvent } from '../domain';
import type { StoredEvent } from '../eventstore';
import { applyOrderEvent, type OrderView } from './order-view';
import type { Projector } from './project-batch';
import { applyToVersionedRow } from './versioned-view';

/** Keeps the orders view: one row per order, each event applied once, in version order. */
export function orderProjector(client: DynamoDBDocumentClient, tableName: string): Projector {
  return async (stored: StoredEvent) => {
    const stream = parseStreamId(stored.streamId);
    if (stream?.aggregate !== 'order') return 'ignored';
    return applyToVersionedRow<OrderView>({
      client,
      tableName,
      key: { orderId: stream.id },
      version: stored.version,
      apply: (row) => applyOrderEvent(row, stored as unknown as OrderEvent, { version: stored.version, at: stored.at }),
    });
  };
}
