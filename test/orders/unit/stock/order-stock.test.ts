import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { InsufficientStock, ProductNotFound, productDecider, productStreamId, reservationStreamId } from '../../../../functions/orders/domain';
import { createEventStore, decideAndAppend, type EventStore } from '../../../../functions/platform/eventstore';
import { commitOrderStock, releaseOrderStock, reserveOrderStock, type OrderStockPorts } from '../../../../functions/orders/stock/order-stock';
import { retryContended } from '../../../../functions/platform/contention/retry-contended';
import { stockLevels } from '../../../../functions/orders/stock/stock-levels';
import { createEventsTable, localDocumentClient } from '../../../support/dynamodb';

const client = localDocumentClient();
const context = { correlationId: 'order-stock-test' };
const soon = () => Date.now() + 30_000;
let ports: OrderStockPorts;
let store: EventStore;

beforeAll(async () => {
  const levelsTable = `test-stock-${randomUUID()}`;
  await client.send(
    new CreateTableCommand({ TableName: levelsTable, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'sku', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'sku', AttributeType: 'S' }] }),
  );
  store = createEventStore({ client, tableName: await createEventsTable(client) });
  ports = { store, levels: stockLevels(client, levelsTable) };
});

async function addProduct(initialStock: number): Promise<string> {
  const sku = `S-${randomUUID().slice(0, 8)}`;
  await decideAndAppend({
    store, decider: productDecider, streamId: productStreamId(sku), context,
    command: { type: 'AddProduct', data: { sku, name: sku, price: { amount: 100, currency: 'EUR' }, initialStock }, metadata: { now: new Date().toISOString() } },
    extra: ({ events }) => ports.levels.writesFor(events),
  });
  return sku;
}

const levelOf = async (sku: string) => (await ports.levels.read([sku]))[sku];

describe('order stock on DynamoDB Local: reservations guarded by stock levels', () => {
  it('sells exactly the stock there is to 200 reservations at once on 100 units: the rest refused for stock, none lost, none twice', async () => {
    const sku = await addProduct(100);
    const orders = Array.from({ length: 200 }, () => randomUUID());
    const results = await Promise.allSettled(orders.map((orderId) => reserveOrderStock(ports, orderId, [{ sku, quantity: 1 }], context, soon())));

    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(100);
    expect(refused).toHaveLength(100);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(InsufficientStock);
    expect(await levelOf(sku)).toEqual({ sku, onHand: 100, reserved: 100, sold: 0, available: 0 });
    // Every reserved order has exactly one event on its own stream; a refused one has none.
    const versions = await Promise.all(orders.map(async (orderId) => (await store.load(reservationStreamId(orderId))).version));
    expect(versions.filter((v) => v === 1)).toHaveLength(100);
    expect(versions.filter((v) => v === 0)).toHaveLength(100);
  }, 60_000);

  it('reserves all lines or none, names every short product, and refuses a product that does not exist', async () => {
    const [a, b] = [await addProduct(5), await addProduct(1)];
    const orderId = randomUUID();
    const reserve = () => reserveOrderStock(ports, orderId, [{ sku: a, quantity: 2 }, { sku: b, quantity: 2 }], context, soon());
    await expect(reserve()).rejects.toThrow(`insufficient stock for ${b} (requested 2, available 1)`);
    expect(await levelOf(a)).toMatchObject({ available: 5, reserved: 0 });
    expect((await store.load(reservationStreamId(orderId))).version).toBe(0);
    await expect(reserveOrderStock(ports, randomUUID(), [{ sku: 'NO-SUCH-SKU', quantity: 1 }], context, soon())).rejects.toBeInstanceOf(ProductNotFound);
  });

  it('takes an order’s stock through its life, each step once however often it is repeated', async () => {
    const sku = await addProduct(10);
    const orderId = randomUUID();
    for (let i = 0; i < 2; i++) await reserveOrderStock(ports, orderId, [{ sku, quantity: 3 }], context, soon());
    expect(await levelOf(sku)).toEqual({ sku, onHand: 10, reserved: 3, sold: 0, available: 7 });
    for (let i = 0; i < 2; i++) await commitOrderStock(ports, orderId, context, soon());
    expect(await levelOf(sku)).toEqual({ sku, onHand: 7, reserved: 0, sold: 3, available: 7 });
    expect(await releaseOrderStock(ports, orderId, context, soon())).toBe(true);
    expect(await releaseOrderStock(ports, orderId, context, soon())).toBe(false);
    expect(await levelOf(sku)).toEqual({ sku, onHand: 10, reserved: 0, sold: 0, available: 10 });
    expect((await store.load(reservationStreamId(orderId))).events.map((e) => e.type)).toEqual(['StockReserved', 'StockCommitted', 'StockReturned']);
  });
});

describe('retrying a contended write', () => {
  it('draws each pause between zero and a ceiling that doubles, and gives up with the last error at the deadline', async () => {
    const pauses: number[] = [];
    let clock = 0;
    const lost = new Error('lost');
    const attempt = jest.fn(async () => { throw lost; });
    await expect(
      retryContended(attempt, { retryable: (e) => e === lost, deadline: 1_000, baseMs: 10, capMs: 160, now: () => clock, random: () => 1, sleep: async (ms) => { pauses.push(ms); clock += ms; } }),
    ).rejects.toBe(lost);
    expect(pauses.slice(0, 6)).toEqual([10, 20, 40, 80, 160, 160]);
    expect(clock).toBeLessThan(1_000);
  });

  it('does not retry an error that is not a lost race', async () => {
    const attempt = jest.fn(async () => { throw new Error('business'); });
    await expect(retryContended(attempt, { retryable: () => false, deadline: Date.now() + 1000 })).rejects.toThrow('business');
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
