import { randomUUID } from 'node:crypto';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { orderStreamId } from '../../../../functions/orders/domain';
import { statsCounter } from '../../../../functions/orders/projections/stats-counter';
import { statsProjection } from '../../../../functions/orders/projections/stats-projector';
import { createEventStore, type StoredEvent } from '../../../../functions/platform/eventstore';
import { seeded, storedEvent } from '../../../support/projections/deliveries';
import { createViewTable, eventsTableWith, localDatabase, scanAll, VIEW_KEYS, type LocalDatabase } from '../../../support/projections/local-database';
import { recordingParking } from '../../../support/projections/recording-parking';
import { readShardInWindows, shardRecords, type StateOnPartialFailure } from '../../../support/projections/window-driver';

/**
 * The stats counted in the views reader's tumbling window: the window's state is the newest
 * version seen of each order, and its write counts each order up to there from the store, its
 * tracker and the counters in one transaction. Real tables and transactions on DynamoDB Local,
 * compared with a clean projection of the same history, one event at a time; Lambda's side is
 * played by the window driver (test/support/projections/window-driver.ts); only the
 * parked-events queue is a recording fake.
 */
const total = { amount: 2599, currency: 'EUR' };
const items = [{ sku: 'A', quantity: 1, unitPrice: total }];

/** An order's history: created and placed, then (by `shape`) confirmed, shipped, or cancelled after its confirmation. */
function orderHistory(orderId: string, shape: number): StoredEvent[] {
  const stream = orderStreamId(orderId);
  const events = [
    storedEvent(stream, 1, 'OrderCreated', { orderId, customerId: 'c-1', currency: 'EUR', items, createdAt: '2026-11-21T10:00:00.000Z' }),
    storedEvent(stream, 2, 'OrderPlaced', { orderId, customerId: 'c-1', items, total, placedAt: '2026-11-21T10:01:00.000Z' }),
    storedEvent(stream, 3, 'OrderConfirmed', { orderId, confirmedAt: '2026-11-21T10:02:00.000Z' }),
    shape % 2 === 0
      ? storedEvent(stream, 4, 'OrderShipped', { orderId, trackingNumber: 'T-1', shippedAt: '2026-11-22T09:00:00.000Z' })
      : storedEvent(stream, 4, 'OrderCancelled', { orderId, reason: 'changed my mind', by: 'customer', cancelledAt: '2026-11-23T09:00:00.000Z' }),
  ];
  return events.slice(0, 2 + (shape % 3));
}

/** A real client that counts the trackers its transactions write. */
function countingTrackers(client: DynamoDBDocumentClient): { client: DynamoDBDocumentClient; trackersWritten: () => number } {
  let written = 0;
  const counting = {
    send: (command: unknown) => {
      if (command instanceof TransactWriteCommand) written += (command.input.TransactItems ?? []).filter((item) => item.Put?.Item?.sk === 'tracker').length;
      return client.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
  return { client: counting, trackersWritten: () => written };
}

describe("the stats in the views reader's window", () => {
  let database: LocalDatabase;
  beforeAll(async () => {
    database = await localDatabase();
  });
  afterAll(() => database?.stop());

  async function statsOf(history: StoredEvent[], client = database.client) {
    const eventsTable = await eventsTableWith(database.client, history);
    const tableName = await createViewTable(database.client, VIEW_KEYS.stats);
    const parking = recordingParking();
    const projection = statsProjection({ client, tableName, store: createEventStore({ client: database.client, tableName: eventsTable }), parking });
    return { tableName, parking, projection, counter: statsCounter(projection) };
  }

  /** The stats table a clean projection of this history makes: every event once, in order. */
  async function cleanStats(history: StoredEvent[]) {
    const clean = await statsOf(history);
    for (const event of history) expect(await clean.projection.project(event)).toBe('applied');
    return scanAll(database.client, clean.tableName);
  }

  it.each<StateOnPartialFailure>(['keeps', 'goes back to the state before'])(
    'counts every order once when Lambda %s on a partial failure: batches of any size, failures, copies, crashes after a write, retried final invocations, two shards at once',
    async (lambda) => {
      const { rnd } = seeded(lambda === 'keeps' ? 21 : 22);
      // Two shards of 30 orders each, both writing the one set of counters.
      const shards = [0, 1].map(() => Array.from({ length: 30 }, (_, i) => orderHistory(randomUUID(), i)));
      const all = shards.flat(2);
      const { tableName, parking, counter } = await statsOf(all);

      const records = shards.map((orders, s) => shardRecords(orders.map((h): [string, number] => [h[0]!.streamId, h.length]), 1_000_000 + s));
      await Promise.all(records.map((shard, s) => readShardInWindows(counter, `shard-${s}`, shard, rnd, lambda)));

      expect(parking.messages).toEqual([]);
      expect(await scanAll(database.client, tableName)).toEqual(await cleanStats(all));
    },
  );

  it("writes nothing until the window is written, then each order's tracker once however many batches brought its events", async () => {
    const histories = Array.from({ length: 5 }, (_, i) => orderHistory(randomUUID(), 2 + i * 3));
    const all = histories.flat();
    const counting = countingTrackers(database.client);
    const { tableName, counter } = await statsOf(all, counting.client);
    const records = shardRecords(histories.map((h): [string, number] => [h[0]!.streamId, h.length]), 100);
    expect(records).toHaveLength(20);

    let state: unknown;
    for (let at = 0; at < records.length; at += 3) state = await counter.step({ state, shardId: 'shard-w', records: records.slice(at, at + 3), write: false });
    expect(await scanAll(database.client, tableName)).toEqual([]);
    expect(await counter.step({ state, shardId: 'shard-w', records: [], write: true })).toEqual({});
    expect(counting.trackersWritten()).toBe(5);
    expect(await scanAll(database.client, tableName)).toEqual(await cleanStats(all));

    // The final invocation again, with the same state: the trackers say it is counted.
    await counter.step({ state, shardId: 'shard-w', records: [], write: true });
    expect(counting.trackersWritten()).toBe(5);
    expect(await scanAll(database.client, tableName)).toEqual(await cleanStats(all));
  });

  it("counts a window whose state was lost with the order's next event, from the store", async () => {
    const history = orderHistory(randomUUID(), 2);
    const { tableName, counter } = await statsOf(history);
    const records = shardRecords([[history[0]!.streamId, history.length]], 500);
    // A window that saw versions 1 and 2 and was never written: its state is gone.
    await counter.step({ state: undefined, shardId: 'shard-l', records: records.slice(0, 2), write: false });
    await counter.step({ state: undefined, shardId: 'shard-l', records: records.slice(2), write: true });
    expect(await scanAll(database.client, tableName)).toEqual(await cleanStats(history));
  });
});
