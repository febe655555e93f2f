import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { productDecider, productStreamId } from '../functions/orders/domain';
import { createEventStore, decideAndAppend } from '../functions/platform/eventstore';
import { commitOrderStock, reserveOrderStock, type OrderStockPorts } from '../functions/orders/stock/order-stock';
import { stockLevels } from '../functions/orders/stock/stock-levels';
import { transactWriteUnits } from '../local/dynamodb/dynamodb-metering';
import { loadOrCreateSigningKey, mintToken, type LocalAuthInfo } from '../local/oidc';
import { call, type BenchApi } from './http-commands';
import { summarize, type LatencySummary } from './stats';

const context = { correlationId: 'bench' };
const deadline = () => Date.now() + 60_000;

/** Read and write units consumed: as DynamoDB Local reports them, a transaction's writes as AWS bills them (see transactWriteUnits). */
type Units = { read: number; write: number };

/** A document client that asks every call for its consumed capacity and adds it to `units`. */
function meteredClient(endpoint: string, units: Units): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const writes = /^(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems)Command$/.test(context.commandName ?? '');
      const reported = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const consumed = context.commandName === 'TransactWriteItemsCommand' ? transactWriteUnits(input) : [reported ?? []].flat();
      for (const c of consumed as { CapacityUnits?: number }[]) units[writes ? 'write' : 'read'] += c.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'meterCapacity' },
  );
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

async function createTable(client: DynamoDBDocumentClient, keys: { name: string; type: 'S' | 'N' }[]): Promise<string> {
  const TableName = `bench-${randomUUID().slice(0, 8)}`;
  await client.send(
    new CreateTableCommand({
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: keys.map(({ name }, i) => ({ AttributeName: name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
      AttributeDefinitions: keys.map(({ name, type }) => ({ AttributeName: name, AttributeType: type })),
    }),
  );
  return TableName;
}

export type ReservationCost = { earlierOrders: number; samples: number; readUnits: number; writeUnits: number; latency: LatencySummary };

/**
 * What one reservation costs on a product with 0, 1k, 10k… earlier orders: the product gets its
 * history first (each earlier order reserved and sold, through the same code the saga step runs),
 * then `samples` reservations are timed one by one with their read and write units. Runs on
 * tables of its own (no stream), so it measures the write path alone.
 */
export async function reservationCost(endpoint: string, histories: number[], samples: number, onProgress?: (fraction: number) => void): Promise<ReservationCost[]> {
  const units: Units = { read: 0, write: 0 };
  const client = meteredClient(endpoint, units);
  const eventsTable = await createTable(client, [{ name: 'streamId', type: 'S' }, { name: 'version', type: 'N' }]);
  const levelsTable = await createTable(client, [{ name: 'sku', type: 'S' }]);
  const ports: OrderStockPorts = { store: createEventStore({ client, tableName: eventsTable }), levels: stockLevels(client, levelsTable) };
  const total = histories.reduce((sum, n) => sum + n, 0) + (histories.length + 1) * samples;
  let done = 0;
  const step = (n: number) => onProgress?.((done += n) / total);
  const results: ReservationCost[] = [];
  try {
    // Warm up first (module loading, the JIT, DynamoDB Local's caches), or the first row pays for it.
    await reservationsOn(ports, 0, samples, units, step);
    for (const earlierOrders of histories) results.push(await reservationsOn(ports, earlierOrders, samples, units, step));
  } finally {
    for (const TableName of [eventsTable, levelsTable]) await client.send(new DeleteTableCommand({ TableName }));
  }
  return results;
}

/** A new product given `earlierOrders` reserved and sold (16 at a time), then `samples` reservations of it timed one by one. */
async function reservationsOn(ports: OrderStockPorts, earlierOrders: number, samples: number, units: Units, step: (n: number) => void): Promise<ReservationCost> {
  const sku = `HOT-${randomUUID().slice(0, 8)}`;
  await decideAndAppend({
    store: ports.store, decider: productDecider, streamId: productStreamId(sku), context,
    command: { type: 'AddProduct', data: { sku, name: sku, price: { amount: 100, currency: 'EUR' }, initialStock: earlierOrders + samples }, metadata: { now: new Date().toISOString() } },
    extra: ({ events }) => ports.levels.writesFor(events),
  });
  for (let i = 0; i < earlierOrders; i += 16) {
    const batch = Math.min(16, earlierOrders - i);
    await Promise.all(Array.from({ length: batch }, async () => {
      const orderId = randomUUID();
      await reserveOrderStock(ports, orderId, [{ sku, quantity: 1 }], context, deadline());
      await commitOrderStock(ports, orderId, context, deadline());
    }));
    step(batch);
  }
  const latencies: number[] = [];
  const before = { ...units };
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await reserveOrderStock(ports, randomUUID(), [{ sku, quantity: 1 }], context, deadline());
    latencies.push(performance.now() - started);
    step(1);
  }
  return { earlierOrders, samples, readUnits: (units.read - before.read) / samples, writeUnits: (units.write - before.write) / samples, latency: summarize(latencies) };
}

export type HotRun = { orders: number; stock: number; confirmed: number; rejected: number; failed: number; placeSeconds: number; lastSagaEndSeconds: number; sold: number };

/**
 * The hot product end to end: `orders` draft orders of one unit of a product with `stock` units,
 * placed all at once through the HTTP API; the time from the first place until the orders view
 * shows the last one ended, and how they ended (by their sagas' outputs).
 */
export async function hotProductRun(api: BenchApi, auth: LocalAuthInfo, orders: number, stock: number, onProgress?: (fraction: number) => void): Promise<HotRun> {
  const key = await loadOrCreateSigningKey(auth.keyFile);
  const customer = `Bearer ${await mintToken(key, { sub: `hot-${randomUUID()}`, issuer: auth.issuer, audience: auth.audiences[0]!, ttlSeconds: 3600 })}`;
  const as = { ...api, customer };
  const sku = `HOT-${randomUUID().slice(0, 8)}`;
  await call(api, 'POST', '/products', { sku, name: 'Best-seller', price: { amount: 4999, currency: 'EUR' }, stock }, 201, 'admin');
  const ids: string[] = [];
  for (let i = 0; i < orders; i += 25) {
    const batch = await Promise.all(Array.from({ length: Math.min(25, orders - i) }, () => call(as, 'POST', '/orders', { currency: 'EUR', items: [{ sku, quantity: 1 }] }, 201)));
    ids.push(...batch.map((order: { orderId: string }) => order.orderId));
  }
  const started = performance.now();
  await Promise.all(ids.map((orderId) => call(as, 'POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' }, 202)));
  const placeSeconds = (performance.now() - started) / 1000;
  let lastSagaEndSeconds = 0;
  for (;;) {
    const statuses: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(as, 'GET', `/orders?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, 200);
      statuses.push(...page.items.map((order: { status: string }) => order.status));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const ended = statuses.filter((status) => status !== 'placed').length;
    onProgress?.(ended / orders);
    if (ended === orders) {
      lastSagaEndSeconds = (performance.now() - started) / 1000;
      break;
    }
    if (performance.now() - started > 600_000) throw new Error(`only ${ended} of ${orders} hot orders ended within 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const outcomes: string[] = [];
  for (let i = 0; i < ids.length; i += 10) {
    const sagas = await Promise.all(ids.slice(i, i + 10).map((orderId) => call(api, 'GET', `/orders/${orderId}/saga`, undefined, 200, 'admin')));
    outcomes.push(...sagas.map((saga: { status: string; output?: { outcome?: string } }) => (saga.status === 'SUCCEEDED' ? (saga.output?.outcome ?? '?') : saga.status)));
  }
  const product = await call(api, 'GET', `/products/${sku}`, undefined, 200, 'admin');
  return {
    orders,
    stock,
    confirmed: outcomes.filter((o) => o === 'confirmed').length,
    rejected: outcomes.filter((o) => o === 'rejected').length,
    failed: outcomes.filter((o) => o !== 'confirmed' && o !== 'rejected').length,
    placeSeconds,
    lastSagaEndSeconds,
    sold: product.sold,
  };
}
