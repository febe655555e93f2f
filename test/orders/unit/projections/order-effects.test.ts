import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredEvent } from '../../../../functions/platform/eventstore';
import { orderEffectsOf, orderEffectsProjector } from '../../../../functions/orders/projections/order-effects';
import { localDocumentClient } from '../../../support/dynamodb';

const client = localDocumentClient();
const at = '2026-11-23T10:00:00.000Z';
const stored = (streamId: string, version: number, type: string, data: Record<string, unknown>): StoredEvent => ({ streamId, version, type, data, at, meta: { eventId: randomUUID(), correlationId: 't', schemaVersion: 1 } });

describe('the order effects view on DynamoDB Local', () => {
  it("shows an order's payment and stock as the last event of each stream says, whatever the order and copies of delivery", async () => {
    const tableName = `test-effects-${randomUUID()}`;
    await client.send(new CreateTableCommand({ TableName: tableName, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }] }));
    const project = orderEffectsProjector(client, tableName);
    const orderId = randomUUID();
    const history = [
      stored(`reservation#${orderId}`, 1, 'StockReserved', { sku: 'A', orderId, quantity: 1 }),
      stored(`reservation#${orderId}`, 2, 'StockReserved', { sku: 'B', orderId, quantity: 2 }),
      stored(`payment#${orderId}`, 1, 'PaymentCharged', { orderId, chargeId: 'c' }),
      stored(`reservation#${orderId}`, 3, 'StockCommitted', { sku: 'A', orderId, quantity: 1 }),
      stored(`reservation#${orderId}`, 4, 'StockCommitted', { sku: 'B', orderId, quantity: 2 }),
      stored(`payment#${orderId}`, 2, 'PaymentRefunded', { orderId, refundId: 'r' }),
      stored(`reservation#${orderId}`, 5, 'StockReturned', { sku: 'A', orderId, quantity: 1 }),
      stored('product#A', 8, 'StockAdded', { sku: 'A', quantity: 5 }),
      stored(`order#${orderId}`, 3, 'OrderCancelled', { orderId }),
    ];
    // Newest first, then everything again: duplicates and reordering.
    for (const event of [...history].reverse()) await project(event);
    for (const event of history) await project(event);
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { orderId } }));
    expect(orderEffectsOf(Item)).toEqual({ payment: 'refunded', stock: { A: 'returned', B: 'committed' } });
    expect(orderEffectsOf(undefined)).toEqual({ payment: 'none', stock: {} });
  });
});
