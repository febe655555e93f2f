import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { eventSchemas, orderStreamId, productStreamId } from '../../../../functions/orders/domain';
import { createEventStore, type StoredEvent } from '../../../../functions/platform/eventstore';
import { isOrderEvent, isProductEvent } from '../../../../functions/orders/domain';
import { orderProjection } from '../../../../functions/orders/projections/order-projector';
import { applyOrderEvent, type OrderView } from '../../../../functions/orders/projections/order-view';
import { productProjection } from '../../../../functions/orders/projections/product-projector';
import { applyProductEvent, type ProductView } from '../../../../functions/orders/projections/product-view';
import { projectionHandler } from '../../../../functions/platform/projections/projection-handler';
import { repairBatch, storedEvent, streamBatch } from '../../../support/projections/deliveries';
import { createViewTable, eventsTableWith, localDatabase, putEvents, VIEW_KEYS, type LocalDatabase } from '../../../support/projections/local-database';
import { recordingParking } from '../../../support/projections/recording-parking';

/**
 * The orders and products views heal: a gap is filled from the store at once, a poison event is
 * parked (content and reason) without holding anything up, and a parked event handed back to the
 * repair path rebuilds the row. Real tables on DynamoDB Local; only the parked-events queue is a
 * recording fake (see recording-parking.ts).
 */
const at = '2026-11-22T10:00:00.000Z';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const line = (sku: string, quantity: number, amount: number) => ({ sku, quantity, unitPrice: eur(amount) });

function orderHistory(orderId: string, { poisonAt }: { poisonAt?: 1 | 2 } = {}): StoredEvent[] {
  const stream = orderStreamId(orderId);
  // A price that overflows a safe integer once multiplied: the total cannot be computed.
  const overflowing = line('B', 2, Number.MAX_SAFE_INTEGER);
  return [
    storedEvent(stream, 1, 'OrderCreated', { orderId, customerId: 'c-1', currency: 'EUR', items: [poisonAt === 1 ? overflowing : line('A', 1, 1000)], createdAt: at }),
    storedEvent(stream, 2, 'ItemAdded', { orderId, line: poisonAt === 2 ? overflowing : line('B', 2, 250), addedAt: at }),
    storedEvent(stream, 3, 'ItemAdded', { orderId, line: line('C', 1, 500), addedAt: at }),
  ];
}

/** The row a clean rebuild makes: the events folded through the view's own apply, nothing else. */
function cleanOrderRow(events: StoredEvent[]): OrderView | undefined {
  return events.filter(isOrderEvent).reduce<OrderView | undefined>((view, e) => applyOrderEvent(view, e, { version: e.version, at: e.at }), undefined);
}
function cleanProductRow(events: StoredEvent[]): ProductView | undefined {
  return events.filter(isProductEvent).reduce<ProductView | undefined>((view, e) => applyProductEvent(view, e, { version: e.version, at: e.at }), undefined);
}
/** A sane copy of an event that was stored wrong (how a person fixes the data before a redrive). */
const fixed = (event: StoredEvent, data: unknown): StoredEvent => ({ ...event, data });

describe('the orders and products views heal', () => {
  let database: LocalDatabase;
  let client: LocalDatabase['client'];

  beforeAll(async () => {
    database = await localDatabase();
    client = database.client;
  });
  afterAll(() => database?.stop());

  async function ordersWith(history: StoredEvent[]) {
    const eventsTable = await eventsTableWith(client, history);
    const tableName = await createViewTable(client, VIEW_KEYS.orders);
    const parking = recordingParking();
    const handler = projectionHandler(orderProjection({ client, tableName, store: createEventStore({ client, tableName: eventsTable }), parking }), 'orders', eventSchemas);
    const row = async (orderId: string) => (await client.send(new GetCommand({ TableName: tableName, Key: { orderId }, ConsistentRead: true }))).Item;
    return { eventsTable, tableName, parking, handler, row };
  }

  it('heals a gap from the store without a retry: events 1 and 3 delivered, 2 only in the store', async () => {
    const orderId = randomUUID();
    const history = orderHistory(orderId);
    const { handler, row, parking } = await ordersWith(history);

    expect(await handler(streamBatch([history[0]!, history[2]!]))).toEqual({ batchItemFailures: [] });

    expect(await row(orderId)).toEqual(cleanOrderRow(history));
    expect(await row(orderId)).toMatchObject({ version: 3, items: [line('A', 1, 1000), line('B', 2, 250), line('C', 1, 500)] });
    expect(parking.messages).toEqual([]);
    // Version 2 arriving late is a duplicate: the row stays as it is.
    expect(await handler(streamBatch([history[1]!]))).toEqual({ batchItemFailures: [] });
    expect(await row(orderId)).toEqual(cleanOrderRow(history));
  });

  it('parks a poison event with its content, moves the row past it, and keeps projecting other orders', async () => {
    const poisoned = randomUUID();
    const other = randomUUID();
    const history = orderHistory(poisoned, { poisonAt: 2 });
    const otherHistory = orderHistory(other);
    const { handler, row, parking } = await ordersWith([...history, ...otherHistory]);

    const batch = streamBatch([history[0]!, otherHistory[0]!, history[1]!, otherHistory[1]!, history[2]!, otherHistory[2]!]);
    expect(await handler(batch)).toEqual({ batchItemFailures: [] });

    expect(parking.messages).toHaveLength(1);
    expect(JSON.parse(parking.messages[0]!.body)).toEqual(history[1]);
    expect(parking.messages[0]!.reason).toMatch(/^InvalidMoney: /);
    const stuck = await row(poisoned);
    expect(stuck).toMatchObject({ version: 3, skippedVersions: [2], items: [line('A', 1, 1000), line('C', 1, 500)] });
    expect(await row(other)).toEqual(cleanOrderRow(otherHistory));
    // The same records again (the stream redelivers): nothing moves, nothing is parked twice.
    expect(await handler(batch)).toEqual({ batchItemFailures: [] });
    expect(parking.messages).toHaveLength(1);
    expect(await row(poisoned)).toEqual(stuck);
  });

  it('repairs a row from a redriven parked event once the stored event is fixed: the row equals a clean rebuild', async () => {
    const orderId = randomUUID();
    const history = orderHistory(orderId, { poisonAt: 2 });
    const { handler, row, parking, eventsTable } = await ordersWith(history);
    await handler(streamBatch(history));
    const [parked] = parking.messages;

    const fixedHistory = [history[0]!, fixed(history[1]!, { orderId, line: line('B', 2, 250), addedAt: at }), history[2]!];
    await putEvents(client, eventsTable, [fixedHistory[1]!]);
    expect(await handler(repairBatch([parked!.body]))).toEqual({ batchItemFailures: [] });

    const repaired = await row(orderId);
    expect(repaired).toEqual(cleanOrderRow(fixedHistory));
    expect(repaired).not.toHaveProperty('skippedVersions');
    expect(parking.messages).toHaveLength(1);
    // The same repair again (SQS delivers at least once): nothing changes.
    expect(await handler(repairBatch([parked!.body]))).toEqual({ batchItemFailures: [] });
    expect(await row(orderId)).toEqual(repaired);
  });

  it('parks the order-creating event too, keeps the order out of sight until its repair, then rebuilds it whole', async () => {
    const orderId = randomUUID();
    const history = orderHistory(orderId, { poisonAt: 1 });
    const { handler, row, parking, eventsTable } = await ordersWith(history);

    expect(await handler(streamBatch(history))).toEqual({ batchItemFailures: [] });
    // Nothing to show but the bookkeeping: every later event had no order to apply to, and is parked too.
    expect(await row(orderId)).toEqual({ orderId, version: 3, skippedVersions: [1, 2, 3] });
    expect(parking.messages.map((m) => JSON.parse(m.body).version)).toEqual([1, 2, 3]);

    const fixedHistory = [fixed(history[0]!, { orderId, customerId: 'c-1', currency: 'EUR', items: [line('B', 2, 250)], createdAt: at }), history[1]!, history[2]!];
    await putEvents(client, eventsTable, [fixedHistory[0]!]);
    expect(await handler(repairBatch(parking.messages.map((m) => m.body)))).toEqual({ batchItemFailures: [] });

    expect(await row(orderId)).toEqual(cleanOrderRow(fixedHistory));
    expect(parking.messages).toHaveLength(3);
  });

  it('heals a gap across a poison event: the rebuild parks it and skips it the same way', async () => {
    const orderId = randomUUID();
    const history = orderHistory(orderId, { poisonAt: 2 });
    const { handler, row, parking } = await ordersWith(history);

    expect(await handler(streamBatch([history[2]!]))).toEqual({ batchItemFailures: [] });

    expect(await row(orderId)).toMatchObject({ version: 3, skippedVersions: [2], items: [line('A', 1, 1000), line('C', 1, 500)] });
    expect(parking.messages.map((m) => JSON.parse(m.body))).toEqual([history[1]]);
  });

  it('heals a later gap without parking again an event it has parked already', async () => {
    const orderId = randomUUID();
    const stream = orderStreamId(orderId);
    const history = [
      ...orderHistory(orderId, { poisonAt: 2 }),
      storedEvent(stream, 4, 'ItemAdded', { orderId, line: line('D', 3, 100), addedAt: at }),
      storedEvent(stream, 5, 'ItemRemoved', { orderId, sku: 'C', removedAt: at }),
    ];
    const { handler, row, parking } = await ordersWith(history);

    await handler(streamBatch(history.slice(0, 3)));
    expect(parking.messages).toHaveLength(1);
    expect(await handler(streamBatch([history[4]!]))).toEqual({ batchItemFailures: [] });

    expect(await row(orderId)).toMatchObject({ version: 5, skippedVersions: [2], items: [line('A', 1, 1000), line('D', 3, 100)] });
    expect(parking.messages).toHaveLength(1);
  });

  it('parks an event of an unknown type, and parks it again when its repair still cannot apply it', async () => {
    const sku = `P-${randomUUID().slice(0, 8)}`;
    const stream = productStreamId(sku);
    const history = [
      storedEvent(stream, 1, 'ProductAdded', { sku, name: 'Keyboard', price: eur(4999), initialStock: 5, addedAt: at }),
      storedEvent(stream, 2, 'StockTeleported', { sku, quantity: 3 }),
      storedEvent(stream, 3, 'StockAdded', { sku, quantity: 2, addedAt: at }),
    ];
    const eventsTable = await eventsTableWith(client, history);
    const tableName = await createViewTable(client, VIEW_KEYS.products);
    const parking = recordingParking();
    const handler = projectionHandler(productProjection({ client, tableName, store: createEventStore({ client, tableName: eventsTable }), parking }), 'products', eventSchemas);
    const row = async () => (await client.send(new GetCommand({ TableName: tableName, Key: { sku }, ConsistentRead: true }))).Item;

    expect(await handler(streamBatch(history))).toEqual({ batchItemFailures: [] });
    const expected = { ...cleanProductRow([history[0]!, history[2]!]), skippedVersions: [2] };
    expect(await row()).toEqual(expected);
    expect(parking.messages).toEqual([{ body: JSON.stringify(history[1]), reason: expect.stringMatching(/^UnknownEvent: StockTeleported at version 2/) }]);

    // Redriven while nothing is fixed: consumed, parked again with its reason, the row unchanged.
    expect(await handler(repairBatch([parking.messages[0]!.body]))).toEqual({ batchItemFailures: [] });
    expect(parking.messages).toHaveLength(2);
    expect(JSON.parse(parking.messages[1]!.body)).toEqual(history[1]);
    expect(parking.messages[1]!.reason).toBe(parking.messages[0]!.reason);
    expect(await row()).toEqual(expected);
  });

  describe('transient errors are still reported as batch item failures, and nothing is parked', () => {
    it('a view table that cannot be read: the first record of the stream batch is reported, the rest left for the retry', async () => {
      const orderId = randomUUID();
      const history = orderHistory(orderId);
      const eventsTable = await eventsTableWith(client, history);
      const parking = recordingParking();
      const handler = projectionHandler(orderProjection({ client, tableName: `missing-${randomUUID()}`, store: createEventStore({ client, tableName: eventsTable }), parking }), 'orders', eventSchemas);

      const batch = streamBatch(history);
      expect(await handler(batch)).toEqual({ batchItemFailures: [{ itemIdentifier: batch.Records[0]!.dynamodb!.SequenceNumber }] });
      const repairs = repairBatch([JSON.stringify(history[0]), JSON.stringify(history[1])]);
      expect(await handler(repairs)).toEqual({ batchItemFailures: repairs.Records.map((r) => ({ itemIdentifier: r.messageId })) });
      expect(parking.messages).toEqual([]);
    });

    it('an events table that cannot be read while healing a gap: the record is reported, the row left as it was', async () => {
      const orderId = randomUUID();
      const history = orderHistory(orderId);
      const tableName = await createViewTable(client, VIEW_KEYS.orders);
      const parking = recordingParking();
      const handler = projectionHandler(orderProjection({ client, tableName, store: createEventStore({ client, tableName: `missing-${randomUUID()}` }), parking }), 'orders', eventSchemas);

      const batch = streamBatch([history[0]!, history[2]!]);
      expect(await handler(batch)).toEqual({ batchItemFailures: [{ itemIdentifier: batch.Records[1]!.dynamodb!.SequenceNumber }] });
      expect((await client.send(new GetCommand({ TableName: tableName, Key: { orderId } }))).Item).toMatchObject({ version: 1 });
      expect(parking.messages).toEqual([]);
    });
  });

  it('reports a repair message that holds no stored event, so the queue brings it back and in the end parks it', async () => {
    const { handler, parking } = await ordersWith([]);
    const repairs = repairBatch(['not json', JSON.stringify({ hello: 'world' })]);
    expect(await handler(repairs)).toEqual({ batchItemFailures: repairs.Records.map((r) => ({ itemIdentifier: r.messageId })) });
    expect(parking.messages).toEqual([]);
  });
});
