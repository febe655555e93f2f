import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ProductEvent } from '../domain';
import type { Projector } from './project-batch';
import { applyProductEvent, type ProductView } from './product-view';
import { versionedRowProjector } from './versioned-view';

/** Keeps the products view: one row per product, each event applied once, in version order. */
export function productProjector(client: DynamoDBDocumentClient, tableName: string): Projector {
  return versionedRowProjector<ProductView, ProductEvent>({ client, tableName, aggregate: 'product', key: (sku) => ({ sku }), apply: applyProductEvent });
}
