import { randomUUID } from 'node:crypto';
import { InvalidOrderTransition, OrderAlreadyExists, orderDecider, orderStreamId, productDecider, productStreamId } from '../../../../functions/orders/domain';
import { ConcurrencyError, createEventStore, decideAndAppend, type EventStore } from '../../../../functions/platform/eventstore';
import { createEventsTable, localDocumentClient } from '../../../support/dynamodb';

const context = { correlationId: 'test' };
const now = '2026-11-22T10:00:00.000Z';
let store: EventStore;

beforeAll(async () => {
  const client = localDocumentClient();
  store = createEventStore({ client, tableName: await createEventsTable(client) });
});

async function addProduct(sku: string, initialStock: number): Promise<void> {
  await decideAndAppend({
    store, decider: productDecider, streamId: productStreamId(sku), context,
    command: { type: 'AddProduct', data: { sku, name: 'Thing', price: { amount: 100, currency: 'EUR' }, initialStock }, metadata: { now } },
  });
}

describe('decide and append on DynamoDB Local', () => {
  it('decides on the stored state and returns the new state and version', async () => {
    const orderId = randomUUID();
    const created = await decideAndAppend({
      store, decider: orderDecider, streamId: orderStreamId(orderId), context,
      command: { type: 'CreateOrder', data: { orderId, customerId: 'c', currency: 'EUR', items: [{ sku: 'A', quantity: 1, unitPrice: { amount: 5, currency: 'EUR' } }] }, metadata: { now } },
    });
    expect(created.version).toBe(1);
    const placed = await decideAndAppend({
      store, decider: orderDecider, streamId: orderStreamId(orderId), context,
      command: { type: 'PlaceOrder', data: { orderId }, metadata: { now } },
    });
    expect(placed).toMatchObject({ version: 2, state: { status: 'placed' } });
    expect(placed.events.map((e) => e.type)).toEqual(['OrderPlaced']);
  });

  it('decides a new stream without reading it, and still refuses one that exists: read then, and decided on what is there', async () => {
    const orderId = randomUUID();
    const streamId = orderStreamId(orderId);
    const create = { type: 'CreateOrder' as const, data: { orderId, customerId: 'c', currency: 'EUR', items: [] }, metadata: { now } };
    const loads: string[] = [];
    const counting: EventStore = { ...store, load: (id, options) => (loads.push(id), store.load(id, options)) };
    expect(await decideAndAppend({ store: counting, decider: orderDecider, streamId, context, command: create, newStream: true })).toMatchObject({ version: 1, state: { status: 'draft' } });
    expect(loads).toEqual([]);
    // The same id again (as a collision would be): the append is refused, the stream read, and CreateOrder refused on it.
    await expect(decideAndAppend({ store: counting, decider: orderDecider, streamId, context, command: create, newStream: true })).rejects.toBeInstanceOf(OrderAlreadyExists);
    expect(loads).toEqual([streamId]);
    expect((await store.load(streamId)).version).toBe(1);
  });

  it('appends nothing when the decider refuses', async () => {
    const orderId = randomUUID();
    const streamId = orderStreamId(orderId);
    const create = { type: 'CreateOrder' as const, data: { orderId, customerId: 'c', currency: 'EUR', items: [] }, metadata: { now } };
    await decideAndAppend({ store, decider: orderDecider, streamId, context, command: create });
    const confirm = decideAndAppend({ store, decider: orderDecider, streamId, context, command: { type: 'ConfirmOrder', data: { orderId }, metadata: { now } } });
    await expect(confirm).rejects.toBeInstanceOf(InvalidOrderTransition);
    expect((await store.load(streamId)).version).toBe(1);
  });

  it('fails at once on a stale expected version (If-Match)', async () => {
    const sku = `S-${randomUUID()}`;
    await addProduct(sku, 1);
    const restock = decideAndAppend({
      store, decider: productDecider, streamId: productStreamId(sku), context, expectedVersion: 0,
      command: { type: 'Restock', data: { sku, quantity: 1 }, metadata: { now } },
    });
    await expect(restock).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await store.load(productStreamId(sku))).version).toBe(1);
  });

  it('re-decides lost races without If-Match: 10 concurrent restocks all land, none lost', async () => {
    const sku = `S-${randomUUID()}`;
    await addProduct(sku, 10);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        decideAndAppend({
          store, decider: productDecider, streamId: productStreamId(sku), context,
          command: { type: 'Restock', data: { sku, quantity: i + 1 }, metadata: { now } },
        }),
      ),
    );
    const succeeded = results.filter((r) => r.status === 'fulfilled').length;
    const stream = await store.load(productStreamId(sku));
    // Every success is exactly one event; a failure (retries exhausted) appended nothing.
    expect(stream.version).toBe(1 + succeeded);
    expect(stream.events.map((e) => e.version)).toEqual(Array.from({ length: 1 + succeeded }, (_, i) => i + 1));
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
    expect(succeeded).toBeGreaterThan(1);
  });
});
