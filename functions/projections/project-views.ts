import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { parseStreamId, type OrderEvent, type ProductEvent } from '../domain';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { eventFromRecord, type StoredEvent } from '../eventstore';
import { applyOrderEvent, type OrderView } from './order-view';
import { applyProductEvent, type ProductView } from './product-view';
import { applyToVersionedRow, type ApplyOutcome } from './versioned-view';

const client = documentClient();
const ordersTable = requireEnv('ORDERS_TABLE');
const productsTable = requireEnv('PRODUCTS_TABLE');

/**
 * Keeps the orders and products views up to date from the events stream. Records are applied in
 * order; the first one that fails is reported, so Lambda retries from it and nothing after it is
 * applied out of order.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  for (const record of event.Records) {
    try {
      await project(eventFromRecord(record));
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'projection failed', eventID: record.eventID, error: String(error) }));
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}

async function project(stored: StoredEvent): Promise<ApplyOutcome | 'ignored'> {
  const stream = parseStreamId(stored.streamId);
  const meta = { version: stored.version, at: stored.at };
  switch (stream?.aggregate) {
    case 'order':
      return applyToVersionedRow<OrderView>({
        client, tableName: ordersTable, key: { orderId: stream.id }, version: stored.version,
        apply: (row) => applyOrderEvent(row, stored as unknown as OrderEvent, meta),
      });
    case 'product':
      return applyToVersionedRow<ProductView>({
        client, tableName: productsTable, key: { sku: stream.id }, version: stored.version,
        apply: (row) => applyProductEvent(row, stored as unknown as ProductEvent, meta),
      });
    default:
      return 'ignored';
  }
}
