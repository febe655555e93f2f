import { randomUUID } from 'node:crypto';
import { foldEvents, orderDecider, orderStreamId, productDecider, productStreamId, type OrderCommand, type OrderEvent, type ProductEvent } from '../../../../functions/orders/domain';
import { createEventStore, type StoredEvent } from '../../../../functions/platform/eventstore';
import { isOrderEvent } from '../../../../functions/orders/domain';
import { orderProjection } from '../../../../functions/orders/projections/order-projector';
import type { Outcome, Projection } from '../../../../functions/platform/projections/projection';
import { productProjection } from '../../../../functions/orders/projections/product-projector';
import { statsProjection, STATS_KEYS } from '../../../../functions/orders/projections/stats-projector';
import { seeded } from '../../../support/projections/deliveries';
import { createViewTable, eventsTableWith, localDatabase, scanAll, VIEW_KEYS, type LocalDatabase } from '../../../support/projections/local-database';
import { recordingParking } from '../../../support/projections/recording-parking';

/**
 * Projections must come out the same however the stream delivers: duplicated, and shuffled both
 * across keys and within a key (a gap is healed from the store on the spot). The projections run
 * against DynamoDB Local, over an events table holding the history, which is generated with the
 * deciders from a fixed seed.
 */
const { rnd, pick, shuffle } = seeded(20261122);

function stored(streamId: string, events: { type: string; data: unknown }[]): StoredEvent[] {
  return events.map((event, i) => ({ streamId, version: i + 1, type: event.type, data: event.data, meta: { eventId: randomUUID(), correlationId: 'redelivery', schemaVersion: 1 }, at: `2026-11-${String(10 + (i % 10)).padStart(2, '0')}T10:00:00.000Z` }));
}

/** A history of products and orders taken through random but legal lifecycles. */
function generateHistory(): StoredEvent[] {
  const all: StoredEvent[] = [];
  const skus = ['A', 'B', 'C'].map((s) => `${s}-${randomUUID().slice(0, 6)}`);
  for (const sku of skus) {
    const events: ProductEvent[] = productDecider.decide({ type: 'AddProduct', data: { sku, name: sku, price: { amount: 250, currency: 'EUR' }, initialStock: 1000 }, metadata: { now: '2026-11-01T00:00:00Z' } }, productDecider.initialState);
    for (let i = 0; i < 10; i++) {
      const state = foldEvents(productDecider, events);
      events.push(...productDecider.decide({ type: 'Restock', data: { sku, quantity: 1 + Math.floor(rnd() * 5) }, metadata: { now: `2026-11-02T00:00:0${i}Z` } }, state));
    }
    all.push(...stored(productStreamId(sku), events));
  }
  for (let n = 0; n < 25; n++) {
    const orderId = randomUUID();
    const now = `2026-11-${String(10 + (n % 10)).padStart(2, '0')}T12:00:00.000Z`;
    const line = (sku: string) => ({ sku, quantity: 1 + Math.floor(rnd() * 3), unitPrice: { amount: 250, currency: 'EUR' } });
    const script: OrderCommand[] = [
      { type: 'CreateOrder', data: { orderId, customerId: `c-${n % 4}`, currency: 'EUR', items: [line(pick(skus))] }, metadata: { now } },
      { type: 'AddItem', data: { orderId, line: line(pick(skus)) }, metadata: { now } },
      ...(rnd() < 0.8 ? [{ type: 'PlaceOrder', data: { orderId, paymentMethodRef: 'pm_1' }, metadata: { now } } as const] : []),
      ...(rnd() < 0.7 ? [{ type: 'ConfirmOrder', data: { orderId }, metadata: { now } } as const] : []),
      ...(rnd() < 0.3 ? [{ type: 'CancelOrder', data: { orderId, reason: 'changed', by: pick(['customer', 'saga'] as const) }, metadata: { now } } as const] : []),
      ...(rnd() < 0.5 ? [{ type: 'ShipOrder', data: { orderId, trackingNumber: 'T' }, metadata: { now } } as const] : []),
    ];
    const events: OrderEvent[] = [];
    for (const command of script) {
      try {
        events.push(...orderDecider.decide(command, foldEvents(orderDecider, events)));
      } catch {
        // An illegal step in this random script (e.g. ship a draft): the order just stops there.
      }
    }
    all.push(...stored(orderStreamId(orderId), events));
  }
  return all;
}

async function createTables(client: LocalDatabase['client'], eventsTable: string) {
  const [orders, products, stats] = [await createViewTable(client, VIEW_KEYS.orders), await createViewTable(client, VIEW_KEYS.products), await createViewTable(client, VIEW_KEYS.stats)];
  const store = createEventStore({ client, tableName: eventsTable });
  const parking = recordingParking();
  const ports = (tableName: string) => ({ client, tableName, store, parking });
  const projections: Projection[] = [orderProjection(ports(orders)), productProjection(ports(products)), statsProjection(ports(stats))];
  return { tables: { orders, products, stats }, projections, parking };
}

/** Delivers like the poller, each record to every projection; any failure fails the test (nothing here is poison or transient). */
async function deliver(projections: Projection[], deliveries: StoredEvent[]): Promise<Record<Outcome, number>> {
  const outcomes: Record<Outcome, number> = { applied: 0, duplicate: 0, ignored: 0, parked: 0, healed: 0, repaired: 0 };
  for (const event of deliveries) for (const projection of projections) outcomes[await projection.project(event)] += 1;
  return outcomes;
}

/**
 * Delivers every copy of a stream's events at once, as overlapping batches and retries can, so
 * the writers of one row race each other. What fails (a lost race, a transaction conflict:
 * transient by nature) goes round again, as the poller retries it.
 */
async function deliverRacing(projections: Projection[], deliveries: StoredEvent[]): Promise<{ retries: number }> {
  const byStream = new Map<string, StoredEvent[]>();
  for (const event of deliveries) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  let retries = 0;
  for (const copies of byStream.values()) {
    let pending = copies.flatMap((event) => projections.map((projection) => ({ event, projection })));
    while (pending.length) {
      const failed: typeof pending = [];
      await Promise.all(pending.map((item) => item.projection.project(item.event).catch(() => failed.push(item))));
      retries += failed.length;
      pending = failed;
    }
  }
  return { retries };
}

describe('projections under redelivery', () => {
  const history = generateHistory();
  let database: LocalDatabase;
  let client: LocalDatabase['client'];
  let eventsTable: string;
  let clean: Awaited<ReturnType<typeof createTables>>;

  beforeAll(async () => {
    database = await localDatabase();
    client = database.client;
    eventsTable = await eventsTableWith(client, history);
    clean = await createTables(client, eventsTable);
    const outcomes = await deliver(clean.projections, history);
    expect(outcomes.healed + outcomes.parked).toBe(0);
  });

  afterAll(() => database?.stop());

  async function expectSameAsClean(chaos: Awaited<ReturnType<typeof createTables>>) {
    for (const view of ['orders', 'products', 'stats'] as const) {
      expect([view, await scanAll(client, chaos.tables[view])]).toEqual([view, await scanAll(client, clean.tables[view])]);
    }
  }

  it('the clean rebuild counts what the history says', async () => {
    const byOrder = new Map<string, OrderEvent[]>();
    for (const e of history.filter(isOrderEvent)) byOrder.set(e.streamId, [...(byOrder.get(e.streamId) ?? []), e]);
    const truth: Record<string, number> = {};
    for (const events of byOrder.values()) {
      const { status } = foldEvents(orderDecider, events);
      truth[status] = (truth[status] ?? 0) + 1;
    }
    const stats = await scanAll(client, clean.tables.stats);
    const { pk: _pk, sk: _sk, ...counters } = stats.find((i) => i.pk === STATS_KEYS.byStatus.pk && i.sk === STATS_KEYS.byStatus.sk)!;
    expect(Object.fromEntries(Object.entries(counters).filter(([, n]) => n !== 0))).toEqual(truth);
    expect(byOrder.size).toBe(25);
  });

  it('is the same after every event is delivered one to three times, keys interleaved, each key in order', async () => {
    const chaos = await createTables(client, eventsTable);
    const perKey = new Map<string, StoredEvent[]>();
    for (const event of history) for (let copies = 1 + Math.floor(rnd() * 3); copies > 0; copies--) perKey.set(event.streamId, [...(perKey.get(event.streamId) ?? []), event]);
    const deliveries: StoredEvent[] = [];
    const queues = [...perKey.values()];
    while (queues.some((q) => q.length)) deliveries.push(pick(queues.filter((q) => q.length)).shift()!);
    expect(deliveries.length).toBeGreaterThan(history.length);
    const outcomes = await deliver(chaos.projections, deliveries);
    expect(outcomes.healed).toBe(0);
    await expectSameAsClean(chaos);
  });

  it('is the same after duplicated deliveries shuffled across and within keys, gaps healed from the store without a retry', async () => {
    const chaos = await createTables(client, eventsTable);
    const deliveries = shuffle([...history, ...history.filter(() => rnd() < 0.5)]);
    // deliver() has no retry: a gap that were not healed on the spot would leave the tables behind.
    const outcomes = await deliver(chaos.projections, deliveries);
    expect(outcomes.healed).toBeGreaterThan(0);
    expect(chaos.parking.messages).toEqual([]);
    await expectSameAsClean(chaos);
  });

  it('counts the same stats a window at a time: the newest versions seen in windows of 1 to 40 shuffled copies, three windows at once, the rest read from the store', async () => {
    const chaos = await createTables(client, eventsTable);
    const stats = statsProjection({ client, tableName: chaos.tables.stats, store: createEventStore({ client, tableName: eventsTable }), parking: chaos.parking });
    const deliveries = shuffle([...history, ...history, ...history.filter(() => rnd() < 0.5)]);
    const batches: StoredEvent[][] = [];
    for (let i = 0; i < deliveries.length; ) {
      const size = 1 + Math.floor(rnd() * 40);
      batches.push(deliveries.slice(i, i + size));
      i += size;
    }
    // Races between the batches (a tracker moved, a transaction in flight on the counters) are retried inside: nothing here may fail.
    const newestSeen = (batch: StoredEvent[]) => Object.fromEntries(batch.filter((e) => e.streamId.startsWith('order#')).sort((a, b) => a.version - b.version).map((e) => [e.streamId.slice('order#'.length), e.version]));
    for (let i = 0; i < batches.length; i += 3) await Promise.all(batches.slice(i, i + 3).map((batch) => stats.countThrough(newestSeen(batch))));
    expect(chaos.parking.messages).toEqual([]);
    expect(await scanAll(client, chaos.tables.stats)).toEqual(await scanAll(client, clean.tables.stats));
  });

  it('is the same when all copies of a stream\'s events race each other', async () => {
    const chaos = await createTables(client, eventsTable);
    const deliveries = shuffle([...history, ...history.filter(() => rnd() < 0.5)]);
    await deliverRacing(chaos.projections, deliveries);
    expect(chaos.parking.messages).toEqual([]);
    await expectSameAsClean(chaos);
  });
});
