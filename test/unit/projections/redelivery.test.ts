import { randomUUID } from 'node:crypto';
import { CreateTableCommand, type KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { foldEvents, orderDecider, orderStreamId, productDecider, productStreamId, type OrderCommand, type OrderEvent, type ProductEvent } from '../../../functions/domain';
import type { StoredEvent } from '../../../functions/eventstore';
import { orderProjector } from '../../../functions/projections/order-projector';
import type { Projector } from '../../../functions/projections/project-batch';
import { productProjector } from '../../../functions/projections/product-projector';
import { statsProjector, STATS_KEYS } from '../../../functions/projections/stats-projector';
import { ViewGapError } from '../../../functions/projections/versioned-view';
import { localDocumentClient } from '../../support/dynamodb';

/**
 * Projections must come out the same however the stream delivers: duplicated, and shuffled both
 * across keys and within a key (a gap is retried later, as the poller does). The projectors run
 * against DynamoDB Local; the history is generated with the deciders, from a fixed seed.
 */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20261122);
const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)]!;
const shuffle = <T>(items: T[]): T[] => items.map((item) => [rnd(), item] as const).sort((a, b) => a[0] - b[0]).map(([, item]) => item);

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
      const orderId = `o-${i}`;
      events.push(...productDecider.decide(pick([
        { type: 'ReserveStock', data: { sku, orderId, quantity: 1 + Math.floor(rnd() * 3) }, metadata: { now: '2026-11-02T00:00:00Z' } },
        { type: 'Restock', data: { sku, quantity: 5 }, metadata: { now: '2026-11-02T00:00:00Z' } },
        { type: 'ReleaseStock', data: { sku, orderId: `o-${i - 1}` }, metadata: { now: '2026-11-02T00:00:00Z' } },
      ]), state));
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

async function createTables(client: DynamoDBDocumentClient) {
  const table = async (keys: [string, 'HASH' | 'RANGE'][]) => {
    const name = `redelivery-${randomUUID()}`;
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: keys.map(([AttributeName, KeyType]): KeySchemaElement => ({ AttributeName, KeyType })),
        AttributeDefinitions: keys.map(([AttributeName]) => ({ AttributeName, AttributeType: 'S' })),
      }),
    );
    return name;
  };
  const [orders, products, stats] = [await table([['orderId', 'HASH']]), await table([['sku', 'HASH']]), await table([['pk', 'HASH'], ['sk', 'RANGE']])];
  const projectors: Projector[] = [orderProjector(client, orders), productProjector(client, products), statsProjector(client, stats)];
  return { tables: { orders, products, stats }, projectors };
}

/** Delivers like the poller: a record whose predecessor has not been applied goes round again. */
async function deliver(projectors: Projector[], deliveries: StoredEvent[]): Promise<{ retries: number }> {
  let queue = deliveries.map((event) => ({ event, pending: [...projectors] }));
  let retries = 0;
  while (queue.length) {
    const again: typeof queue = [];
    for (const item of queue) {
      const failed: Projector[] = [];
      for (const project of item.pending) {
        try {
          await project(item.event);
        } catch (error) {
          if (!(error instanceof ViewGapError)) throw error;
          failed.push(project);
        }
      }
      if (failed.length) again.push({ event: item.event, pending: failed });
    }
    retries += again.length;
    queue = again;
  }
  return { retries };
}

async function scanAll(client: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await client.send(new ScanCommand({ TableName: tableName }));
  const key = (item: Record<string, unknown>) => JSON.stringify([item.orderId, item.sku, item.pk, item.sk]);
  return [...Items].sort((a, b) => key(a).localeCompare(key(b)));
}

describe('projections under redelivery', () => {
  const client = localDocumentClient();
  const history = generateHistory();
  let clean: Awaited<ReturnType<typeof createTables>>;

  beforeAll(async () => {
    clean = await createTables(client);
    await deliver(clean.projectors, history);
  });

  async function expectSameAsClean(chaos: Awaited<ReturnType<typeof createTables>>) {
    for (const view of ['orders', 'products', 'stats'] as const) {
      expect([view, await scanAll(client, chaos.tables[view])]).toEqual([view, await scanAll(client, clean.tables[view])]);
    }
  }

  it('the clean rebuild counts what the history says', async () => {
    const byOrder = new Map<string, OrderEvent[]>();
    for (const e of history.filter((e) => e.streamId.startsWith('order#'))) byOrder.set(e.streamId, [...(byOrder.get(e.streamId) ?? []), e as unknown as OrderEvent]);
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
    const chaos = await createTables(client);
    const perKey = new Map<string, StoredEvent[]>();
    for (const event of history) for (let copies = 1 + Math.floor(rnd() * 3); copies > 0; copies--) perKey.set(event.streamId, [...(perKey.get(event.streamId) ?? []), event]);
    const deliveries: StoredEvent[] = [];
    const queues = [...perKey.values()];
    while (queues.some((q) => q.length)) deliveries.push(pick(queues.filter((q) => q.length)).shift()!);
    expect(deliveries.length).toBeGreaterThan(history.length);
    await deliver(chaos.projectors, deliveries);
    await expectSameAsClean(chaos);
  });

  it('is the same after duplicated deliveries shuffled across and within keys, gaps retried', async () => {
    const chaos = await createTables(client);
    const deliveries = shuffle([...history, ...history.filter(() => rnd() < 0.5)]);
    const { retries } = await deliver(chaos.projectors, deliveries);
    expect(retries).toBeGreaterThan(0);
    await expectSameAsClean(chaos);
  });
});
