import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { eventSchemas, isOrderEvent, orderStreamId } from '../../../../functions/orders/domain';
import { orderProjection } from '../../../../functions/orders/projections/order-projector';
import { applyOrderEvent, type OrderView } from '../../../../functions/orders/projections/order-view';
import { createEventStore, type StoredEvent } from '../../../../functions/platform/eventstore';
import { ENV } from '../../../../functions/platform/contract/environment';
import { FIGURES_KEYS } from '../../../../functions/platform/projections/figures-keys';
import { storeFiguresOf } from '../../../../functions/platform/projections/store-figures';
import { storeFiguresCounter } from '../../../../functions/platform/projections/store-figures-counter';
import { streamFanOutHandler, type StreamView, type WindowCounter, type WindowedResponse } from '../../../../functions/platform/projections/stream-fan-out';
import { storedEvent, streamBatch } from '../../../support/projections/deliveries';
import { createViewTable, eventsTableWith, localDatabase, VIEW_KEYS, type LocalDatabase } from '../../../support/projections/local-database';
import { recordingParking } from '../../../support/projections/recording-parking';

/**
 * A context's one views reader of its stream (AWS lets two readers take a shard): each record to
 * every view that takes it, in order. Real views on DynamoDB Local (the orders view and the store
 * figures, in the tumbling window's state until its final invocation); only the parked-events
 * queue is a recording fake (see recording-parking.ts).
 */
const SHARD = 'shard-1';
/** A batch as Lambda gives it in a tumbling window, with the state the last invocation answered. */
const inWindow = (batch: DynamoDBStreamEvent, state: Record<string, unknown> = {}) => ({ ...batch, shardId: SHARD, window: { start: at, end: at }, state, isFinalInvokeForWindow: false });
/** The window's final invocation: no records, the state. */
const windowEnd = (answered: WindowedResponse) => ({ Records: [], shardId: SHARD, window: { start: at, end: at }, state: answered.state, isFinalInvokeForWindow: true });
const at = '2026-11-22T10:00:00.000Z';
type DynamoDBStreamEvent = ReturnType<typeof streamBatch>;
const line = (sku: string, quantity: number, amount: number) => ({ sku, quantity, unitPrice: { amount, currency: 'EUR' } });

function orderHistory(orderId: string, { poison = false } = {}): StoredEvent[] {
  const stream = orderStreamId(orderId);
  return [
    storedEvent(stream, 1, 'OrderCreated', { orderId, customerId: 'c-1', currency: 'EUR', items: [line('A', 1, 1000)], createdAt: at }),
    // A price that overflows a safe integer once multiplied: the orders view cannot total it.
    storedEvent(stream, 2, 'ItemAdded', { orderId, line: poison ? line('B', 2, Number.MAX_SAFE_INTEGER) : line('B', 2, 250), addedAt: at }),
    storedEvent(stream, 3, 'ItemAdded', { orderId, line: line('C', 1, 500), addedAt: at }),
  ];
}

const cleanOrderRow = (events: StoredEvent[]) => events.filter(isOrderEvent).reduce<OrderView | undefined>((view, e) => applyOrderEvent(view, e, { version: e.version, at: e.at }), undefined);

describe("a context's views reader", () => {
  let database: LocalDatabase;
  beforeAll(async () => {
    database = await localDatabase();
  });
  afterAll(() => database?.stop());

  async function viewsOf(history: StoredEvent[]) {
    const { client } = database;
    const eventsTable = await eventsTableWith(client, history);
    const ordersTable = await createViewTable(client, VIEW_KEYS.orders);
    const figuresTable = await createViewTable(client, VIEW_KEYS.stats);
    const parking = recordingParking();
    const orders = orderProjection({ client, tableName: ordersTable, store: createEventStore({ client, tableName: eventsTable }), parking });
    process.env[ENV.storeFiguresTable] = figuresTable;
    const figures = storeFiguresCounter(['order'], client);
    const row = async (orderId: string) => (await client.send(new GetCommand({ TableName: ordersTable, Key: { orderId }, ConsistentRead: true }))).Item;
    const counted = async () => storeFiguresOf((await client.send(new GetCommand({ TableName: figuresTable, Key: FIGURES_KEYS.storeFigures, ConsistentRead: true }))).Item);
    return { parking, ordersView: { name: 'orders', prefixes: ['order#'], project: orders.project } satisfies StreamView, figures, row, counted };
  }

  it('gives each record to every view that takes its stream; poison is parked by the view that cannot apply it and holds up no other', async () => {
    const poisoned = randomUUID();
    const other = randomUUID();
    const history = orderHistory(poisoned, { poison: true });
    const otherHistory = orderHistory(other);
    const { parking, ordersView, figures, row, counted } = await viewsOf([...history, ...otherHistory]);
    const handler = streamFanOutHandler([ordersView], eventSchemas, [figures]);

    const batch = streamBatch([history[0]!, otherHistory[0]!, history[1]!, otherHistory[1]!, history[2]!, otherHistory[2]!, storedEvent('product#A', 1, 'ProductAdded', {})]);
    const answered = await handler(inWindow(batch));
    expect(answered).toMatchObject({ batchItemFailures: [] });
    // The figures wait in the window's state for its end.
    expect(await counted()).toEqual({});
    expect(await handler(windowEnd(answered))).toMatchObject({ batchItemFailures: [] });

    expect(parking.messages.map((m) => JSON.parse(m.body))).toEqual([history[1]]);
    expect(await row(poisoned)).toMatchObject({ version: 3, skippedVersions: [2] });
    expect(await row(other)).toEqual(cleanOrderRow(otherHistory));
    // The figures counted the poison too (it is a stored event), and not the product: no counter here takes product streams.
    expect(await counted()).toEqual({ order: { events: 6, streams: 2 } });
  });

  it('reports the batch failed from the first record a view fails on; the retry from there leaves every view as if each record came once', async () => {
    const orderId = randomUUID();
    const history = orderHistory(orderId);
    const { parking, ordersView, figures, row, counted } = await viewsOf(history);
    // The orders view's table unreachable for the second event, once (a throttle past the SDK's retries).
    let blips = 1;
    const flaky: StreamView = {
      ...ordersView,
      project: async (event) => {
        if (event.version === 2 && blips-- > 0) throw Object.assign(new Error('Throughput exceeds the current capacity of your table'), { name: 'ProvisionedThroughputExceededException' });
        return ordersView.project(event);
      },
    };
    const handler = streamFanOutHandler([flaky], eventSchemas, [figures]);

    const batch = streamBatch(history);
    const failed = await handler(inWindow(batch));
    expect(failed.batchItemFailures).toEqual([{ itemIdentifier: batch.Records[1]!.dynamodb!.SequenceNumber }]);
    expect(await row(orderId)).toMatchObject({ version: 1 });
    // The figures of the record before the failure are written at once, whatever Lambda does with the state answered.
    expect(await counted()).toEqual({ order: { events: 1, streams: 1 } });

    // Lambda retries from the reported record, with the state answered (or the one before: the same here).
    const retried = await handler(inWindow({ Records: batch.Records.slice(1) }, failed.state));
    expect(retried.batchItemFailures).toEqual([]);
    expect(await row(orderId)).toEqual(cleanOrderRow(history));
    // The whole batch again (a redelivery): nothing moves.
    const again = await handler(inWindow(batch, retried.state));
    expect(again.batchItemFailures).toEqual([]);
    await handler(windowEnd(again));
    expect(await counted()).toEqual({ order: { events: 3, streams: 1 } });
    expect(parking.messages).toEqual([]);
  });

  it('reports the whole batch failed when a window counter fails, with the state carried in; the batch again counts it once', async () => {
    const orderId = randomUUID();
    const history = orderHistory(orderId);
    const { ordersView, figures, row, counted } = await viewsOf(history);
    let blips = 1;
    const took: number[] = [];
    const flaky: WindowCounter = {
      name: 'flaky',
      prefixes: ['order#'],
      step: async ({ state, records }) => {
        if (blips-- > 0) throw Object.assign(new Error('Throughput exceeds the current capacity of your table'), { name: 'ProvisionedThroughputExceededException' });
        took.push(...records.map((r) => r.version));
        return state;
      },
    };
    const handler = streamFanOutHandler([ordersView], eventSchemas, [flaky, figures]);

    const batch = streamBatch(history);
    const failed = await handler(inWindow(batch));
    expect(failed).toEqual({ state: {}, batchItemFailures: [{ itemIdentifier: batch.Records[0]!.dynamodb!.SequenceNumber }] });
    // The views took the batch before the counters: they take it again as no-ops.
    expect(await row(orderId)).toEqual(cleanOrderRow(history));

    const retried = await handler(inWindow(batch, failed.state));
    expect(retried.batchItemFailures).toEqual([]);
    expect(took).toEqual([1, 2, 3]);
    expect(await row(orderId)).toEqual(cleanOrderRow(history));
    await handler(windowEnd(retried));
    expect(await counted()).toEqual({ order: { events: 3, streams: 1 } });
  });

  it('fails the final invocation when a window counter cannot write, so that Lambda invokes it again with the same state', async () => {
    const history = orderHistory(randomUUID());
    const { ordersView, figures, counted } = await viewsOf(history);
    let blips = 1;
    const flaky: WindowCounter = { ...figures, step: async (input) => (input.write && blips-- > 0 ? Promise.reject(new Error('Service unavailable')) : figures.step(input)) };
    const handler = streamFanOutHandler([ordersView], eventSchemas, [flaky]);
    const answered = await handler(inWindow(streamBatch(history)));
    await expect(handler(windowEnd(answered))).rejects.toThrow('Service unavailable');
    expect(await counted()).toEqual({});
    await handler(windowEnd(answered));
    expect(await counted()).toEqual({ order: { events: 3, streams: 1 } });
  });

  it('gives the counters the records before one that cannot be read, and fails the batch from that one, as the views do', async () => {
    const orderId = randomUUID();
    const history = orderHistory(orderId);
    const { ordersView, figures, row, counted } = await viewsOf(history);
    const handler = streamFanOutHandler([ordersView], eventSchemas, [figures]);

    const batch = streamBatch(history);
    // The second record without its new image: no reader can make an event of it.
    const unreadable = { ...batch, Records: batch.Records.map((r, i) => (i === 1 ? { ...r, dynamodb: { ...r.dynamodb, NewImage: undefined } } : r)) };
    expect((await handler(inWindow(unreadable))).batchItemFailures).toEqual([{ itemIdentifier: batch.Records[1]!.dynamodb!.SequenceNumber }]);
    expect(await row(orderId)).toMatchObject({ version: 1 });
    expect(await counted()).toEqual({ order: { events: 1, streams: 1 } });
  });
});
