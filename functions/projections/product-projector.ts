import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseStreamId, type ProductEvent } from '../domain';
import type { StoredEvent } from '../eventstore';
import type { Projector } from './project-batch';
import { applyProductEvent, type ProductView } from './product-view';
import { applyToVersionedRow } from './versioned-view';

/** Keeps the products view: one row per product, each event applied once, in version order. */
export function productProjector(client: DynamoDBDocumentClient, tableName: string): Projector {
  return async (stored: StoredEvent) => {
    const stream = parseStreamId(stored.streamId);
    if (stream?.aggregate !== 'product') return 'ignored';
    return applyToVersionedRow<ProductView>({
      client,
      tableName,
      key: { sku: stream.id },
      version: stored.version,
      apply: (row) => applyProductEvent(row, stored as unknown as ProductEvent, { version: stored.version, at: stored.at }),
    });
  };
}
