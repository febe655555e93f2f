import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OrderEvent } from '../domain';
import { applyOrderEvent, type OrderView } from './order-view';
import type { Projector } from './project-batch';
import { versionedRowProjector } from './versioned-view';

/** Keeps the orders view: one row per order, each event applied once, in version order. */
export function orderProjector(client: DynamoDBDocumentClient, tableName: string): Projector {
  return versionedRowProjector<OrderView, OrderEvent>({ client, tableName, aggregate: 'order', key: (orderId) => ({ orderId }), apply: applyOrderEvent });
}
