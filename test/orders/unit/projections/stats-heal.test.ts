import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { eventSchemas, orderStreamId } from '../../../../functions/orders/domain';
import { createEventStore, type StoredEvent } from '../../../../functions/platform/eventstore';
import type { Projection } from '../../../../functions/platform/projections/projection';
import { projectionHandler } from '../../../../functions/platform/projections/projection-handler';
import { statsProjection, STATS_KEYS } from '../../../../functions/orders/projections/stats-projector';
import { repairBatch, storedEvent, streamBatch } from '../../../support/projections/deliveries';
import { createViewTable, eventsTableWith, localDatabase, putEvents, scanAll, VIEW_KEYS, type LocalDatabase } from '../../../support/projections/local-database';
import { firstTransactionConflicts } from '../../../support/projections/conflicting-client';
import { recordingParking } from '../../../support/projections/recording-parking';

/**
 * The stats heal: a gap in an order's tracker is filled from the store, each event counted once;
 * a poison event is parked and the tracker moves past it; its repair counts it once, however
 * often it comes. Each outcome is compared with a clean projection of the same history into a
 * table of its own. Real tables on DynamoDB Local; only the parked-events queue is a recording
 * fake (see recording-parking.ts).
 */
const total = { amount: 2599, currency: 'EUR' };

function orderHistory(orderId: string, { poisonConfirmation = false } = {}): StoredEvent[] {
  const stream = orderStreamId(orderId);
  const items = [{ sku: 'A', quantity: 1, unitPrice: total }];
  return [
    storedEvent(stream, 1, 'OrderCreated', { orderId, customerId: 'c-1', currency: 'EUR', items, createdAt: '2026-11-21T10:00:00.000Z' }),
    storedEvent(stream, 2, 'OrderPlaced', { orderId, customerId: 'c-1', items, total, placedAt: '2026-11-21T10:01:00.000Z' }),
    // Without its date the confirmation's revenue has no day: the stats cannot count it.
    storedEvent(stream, 3, 'OrderConfirmed', poisonConfirmation ? { orderId } : { orderId, confirmedAt: '2026-11-21T10:02:00.000Z' }),
    storedEvent(stream, 4, 'OrderShipped', { orderId, trackingNumber: 'T-1', shippedAt: '2026-11-22T09:00:00.000Z' }),
  ];
}

describe('the stats heal', () => {
  let database: LocalDatabase;
  let client: LocalDatabase['client'];

  beforeAll(async () => {
    database = await localDatabase();
    client = database.client;
  });
  afterAll(() => database?.stop());

  async function statsWith(history: StoredEvent[]) {
    const eventsTable = await eventsTableWith(client, history);
    const tableName = await createViewTable(client, VIEW_KEYS.stats);
    const parking = recordingParking();
    const projection = statsProjection({ client, tableName, store: createEventStore({ client, tableName: eventsTable }), parking });
    return { eventsTable, tableName, parking, projection, handler: projectionHandler(projection, 'stats', eventSchemas) };
  }

  /** The stats table a clean projection of this history makes: every event once, in order. */
  async function cleanStats(history: StoredEvent[]) {
    const clean = await statsWith(history);
    for (const event of history) expect(await clean.projection.project(event)).toBe('applied');
    expect(clean.parking.messages).toEqual([]);
    return scanAll(client, clean.tableName);
  }

  const tracker = async (tableName: string, orderId: string) => (await client.send(new GetCommand({ TableName: tableName, Key: STATS_KEYS.tracker(orderId), ConsistentRead: true }))).Item;

  it('fills a gap from the store, each missing event counted once', async () => {
    const history = orderHistory(randomUUID());
    const { tableName, handler, parking } = await statsWith(history);

    expect(await handler(streamBatch([history[0]!, history[3]!]))).toEqual({ batchItemFailures: [] });
    expect(await scanAll(client, tableName)).toEqual(await cleanStats(history));
    // The events the gap was filled with, delivered late: counted already.
    expect(await handler(streamBatch([history[1]!, history[2]!, history[3]!]))).toEqual({ batchItemFailures: [] });
    expect(await scanAll(client, tableName)).toEqual(await cleanStats(history));
    expect(parking.messages).toEqual([]);
  });

  it('parks an event it cannot count, moves past it, and after the fix counts it once however often its repair comes', async () => {
    const orderId = randomUUID();
    const history = orderHistory(orderId, { poisonConfirmation: true });
    const { tableName, eventsTable, handler, projection, parking } = await statsWith(history);

    expect(await handler(streamBatch(history))).toEqual({ batchItemFailures: [] });
    expect(parking.messages.map((m) => JSON.parse(m.body))).toEqual([history[2]]);
    expect(parking.messages[0]!.reason).toMatch(/^TypeError: /);
    expect(await tracker(tableName, orderId)).toMatchObject({ status: 'shipped', version: 4, skippedVersions: [3] });

    const fixedHistory = history.map((e) => (e.version === 3 ? { ...e, data: { orderId, confirmedAt: '2026-11-21T10:02:00.000Z' } } : e));
    await putEvents(client, eventsTable, [fixedHistory[2]!]);
    const body = parking.messages[0]!.body;
    // Two copies at once (SQS delivers at least once): the order's tracker lets one count. A copy
    // that lost the race past its retries instead is reported, and comes back later.
    const copies = await Promise.all([handler(repairBatch([body])), handler(repairBatch([body]))]);
    const comeBack = copies.filter((c) => c.batchItemFailures.length).length;
    expect(comeBack).toBeLessThan(2);
    for (let i = 0; i < comeBack; i++) expect(await handler(repairBatch([body]))).toEqual({ batchItemFailures: [] });
    expect(await projection.repair(JSON.parse(body))).toBe('duplicate');

    const clean = await cleanStats(fixedHistory);
    expect(await scanAll(client, tableName)).toEqual(clean);
    expect(clean.find((item) => item.pk === 'revenue')).toMatchObject({ sk: '2026-11-21', EUR: 2599 });
    expect(parking.messages).toHaveLength(1);
  });

  it('counts 30 orders at once (two transactions), one with an event it cannot count: parked once, the rest as a clean projection, the same again counts nothing', async () => {
    const poisoned = randomUUID();
    const histories = [orderHistory(poisoned, { poisonConfirmation: true }), ...Array.from({ length: 29 }, () => orderHistory(randomUUID()))];
    const all = histories.flat();
    const { tableName, projection, parking } = await statsWith(all);

    // A window that saw each order up to its fourth event.
    const seen = Object.fromEntries(histories.map((h) => [h[3]!.streamId.slice('order#'.length), 4]));
    const counted = await projection.countThrough(seen);
    expect(counted).toHaveLength(all.length - 1);
    expect(parking.messages.map((m) => JSON.parse(m.body))).toEqual([histories[0]![2]]);
    expect(await tracker(tableName, poisoned)).toMatchObject({ status: 'shipped', version: 4, skippedVersions: [3] });

    // The clean count of the same history, one event at a time, parks the same event and leaves the same table.
    const clean = await statsWith(all);
    for (const event of all) await clean.projection.project(event);
    expect(await scanAll(client, tableName)).toEqual(await scanAll(client, clean.tableName));
    expect(await clean.projection.project(histories[0]![2]!)).toBe('duplicate');

    expect(await projection.countThrough(seen)).toEqual([]);
    expect(parking.messages).toHaveLength(1);
    expect(await scanAll(client, tableName)).toEqual(await scanAll(client, clean.tableName));
  });

  it('counts again, once, when DynamoDB cancels the transaction for another in flight on the counters', async () => {
    const orderId = randomUUID();
    const history = orderHistory(orderId);
    const { eventsTable, tableName } = await statsWith(history);
    const conflicting = firstTransactionConflicts(client);
    const projection = statsProjection({ client: conflicting.client, tableName, store: createEventStore({ client, tableName: eventsTable }), parking: recordingParking() });
    expect(await projection.countThrough({ [orderId]: 4 })).toHaveLength(4);
    expect(conflicting.cancelled()).toBe(true);
    expect(await scanAll(client, tableName)).toEqual(await cleanStats(history));
  });

  it('answers, for one event, whether it was applied, healed, a duplicate or parked', async () => {
    const history = orderHistory(randomUUID());
    const { projection } = await statsWith(history);
    expect(await projection.project(history[0]!)).toBe('applied');
    expect(await projection.project(history[2]!)).toBe('healed');
    expect(await projection.project(history[1]!)).toBe('duplicate');
    const poisoned = orderHistory(randomUUID(), { poisonConfirmation: true });
    const second = await statsWith(poisoned);
    for (const event of poisoned.slice(0, 2)) expect(await second.projection.project(event)).toBe('applied');
    expect(await second.projection.project(poisoned[2]!)).toBe('parked');
    expect(await second.projection.project(poisoned[3]!)).toBe('applied');
  });

  it('parks the repair again while the event still cannot be counted, and counts nothing', async () => {
    const orderId = randomUUID();
    const history = orderHistory(orderId, { poisonConfirmation: true });
    const { tableName, handler, parking } = await statsWith(history);
    await handler(streamBatch(history));
    const before = await scanAll(client, tableName);

    expect(await handler(repairBatch([parking.messages[0]!.body]))).toEqual({ batchItemFailures: [] });
    expect(parking.messages).toHaveLength(2);
    expect(await scanAll(client, tableName)).toEqual(before);
  });

  it('reports transient errors as batch item failures and parks nothing', async () => {
    const history = orderHistory(randomUUID());
    const parking = recordingParking();
    const broken: Projection = statsProjection({ client, tableName: `missing-${randomUUID()}`, store: createEventStore({ client, tableName: `missing-${randomUUID()}` }), parking });
    const handler = projectionHandler(broken, 'stats', eventSchemas);

    const batch = streamBatch(history);
    expect(await handler(batch)).toEqual({ batchItemFailures: [{ itemIdentifier: batch.Records[0]!.dynamodb!.SequenceNumber }] });
    const repairs = repairBatch([JSON.stringify(history[2])]);
    expect(await handler(repairs)).toEqual({ batchItemFailures: [{ itemIdentifier: repairs.Records[0]!.messageId }] });
    expect(parking.messages).toEqual([]);
  });
});
