import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { eventSchemas, orderDecider } from '../../../../functions/orders/domain';
import { createEventStore, eventFromRecord, loadState, type EventStore } from '../../../../functions/platform/eventstore';
import { createEventsTable, localDocumentClient } from '../../../support/dynamodb';
import placedV1 from './fixtures/order-placed-v1.json';

const client = localDocumentClient();
let store: EventStore;

/** The OrderCreated the first wave wrote before the fixture's OrderPlaced (its shape has not changed since). */
const createdV1 = {
  streamId: placedV1.streamId,
  version: 1,
  type: 'OrderCreated',
  data: { orderId: placedV1.data.orderId, customerId: placedV1.data.customerId, currency: 'EUR', items: placedV1.data.items, createdAt: '2026-01-14T09:10:02.101Z' },
  meta: { eventId: '5d0c2f7a-1e8b-4a63-b9d4-70e3c6a8f912', correlationId: 'req-1a7b9e04', schemaVersion: 1 },
  at: '2026-01-14T09:10:02.101Z',
};

beforeAll(async () => {
  const tableName = await createEventsTable(client);
  store = createEventStore({ client, tableName, schemas: eventSchemas });
  // Stored exactly as the first wave wrote them: nothing in the table is ever rewritten.
  for (const item of [createdV1, placedV1]) await client.send(new PutCommand({ TableName: tableName, Item: item }));
});

/** A stream record of the events table carrying this item as its new image. */
function streamRecordOf(item: object): DynamoDBRecord {
  return { eventID: 'e-1', eventName: 'INSERT', eventSource: 'aws:dynamodb', dynamodb: { NewImage: marshall(item) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'] } };
}

describe('an OrderPlaced stored as v1 (with the card token) reads as v2', () => {
  it('through the store: no token, schemaVersion 2, the rest as stored', async () => {
    const { events } = await store.load(placedV1.streamId);
    const placed = events[1];

    expect(placed).toMatchObject({ streamId: placedV1.streamId, version: 2, type: 'OrderPlaced', at: placedV1.at, meta: { ...placedV1.meta, schemaVersion: 2 } });
    expect(placed?.data).not.toHaveProperty('paymentMethod');
    expect(placed?.data).toMatchObject({ orderId: placedV1.data.orderId, total: placedV1.data.total, items: placedV1.data.items });
    expect(events[0]).toEqual(createdV1);
    expect(JSON.stringify(events)).not.toContain('tok_visa');
  });

  it('through the tail of a stream too (a load after a snapshot)', async () => {
    const { events, version } = await store.load(placedV1.streamId, { afterVersion: 1 });
    expect(version).toBe(2);
    expect(events.map((e) => [e.version, e.meta.schemaVersion])).toEqual([[2, 2]]);
    expect(JSON.stringify(events)).not.toContain('tok_visa');
  });

  it('from a stream record, as projections and the bus forwarder get it', () => {
    const event = eventFromRecord(streamRecordOf(placedV1), eventSchemas);

    expect(event.meta.schemaVersion).toBe(2);
    expect(event.data).not.toHaveProperty('paymentMethod');
    expect(JSON.stringify(event)).not.toContain('tok_visa');
    expect(eventFromRecord(streamRecordOf(createdV1), eventSchemas)).toEqual(createdV1);
  });

  it('folds in the order decider: a placed order with no payment method and no token', async () => {
    const { state, version } = await loadState(store, orderDecider, placedV1.streamId);

    expect(version).toBe(2);
    expect(state).toMatchObject({ status: 'placed', orderId: placedV1.data.orderId, total: { amount: 3399, currency: 'EUR' } });
    expect(state).not.toHaveProperty('paymentMethod');
    expect('paymentMethodRef' in state ? state.paymentMethodRef : undefined).toBeUndefined();
    expect(JSON.stringify(state)).not.toContain('tok_visa');
  });
});

describe('new events', () => {
  it('are written at the current schema version of their type', async () => {
    const streamId = `test#${placedV1.data.orderId}-new`;
    const [written] = await store.append(
      [{ streamId, expectedVersion: 0, events: [{ type: 'OrderPlaced', data: { paymentMethodRef: 'pm-1' } }, { type: 'OrderConfirmed', data: {} }] }],
      { correlationId: 'test' },
    );
    expect(written?.events.map((e) => [e.type, e.meta.schemaVersion])).toEqual([['OrderPlaced', 2], ['OrderConfirmed', 1]]);
    expect((await store.load(streamId)).events.map((e) => e.meta.schemaVersion)).toEqual([2, 1]);
  });
});
