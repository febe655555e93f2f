import { randomUUID } from 'node:crypto';
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { api, as, asAdmin } from '../support/api';
import { eventually } from '../support/eventually';
import { addProduct, createOrder } from '../support/fixtures';
import { describeLocal } from '../support/local-only';
import { clientConfig, testEnv } from '../support/test-env';

type Order = { orderId: string; status: string; createdAt: string; total: { amount: number; currency: string } };

/** A customer of one test: their own orders, no one else's. */
const newCustomer = () => as({ sub: `c-${randomUUID()}` });

/** Every order of a list query, page by page, with the page sizes seen (as an admin unless said). */
async function allPages(query: string, limit: number, call = asAdmin): Promise<{ orders: Order[]; pageSizes: number[] }> {
  const orders: Order[] = [];
  const pageSizes: number[] = [];
  let cursor: string | undefined;
  do {
    const res = await call('GET', `/orders?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    orders.push(...res.body.items);
    pageSizes.push(res.body.items.length);
    cursor = res.body.nextCursor;
  } while (cursor);
  return { orders, pageSizes };
}

async function createOrders(customer: typeof api, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, () => customer('POST', '/orders', { currency: 'EUR' }).then((r) => r.body.orderId as string)),
    );
    ids.push(...batch);
  }
  return ids;
}

describe('order queries', () => {
  it("pages through a customer's 120 orders in pages of 25, each exactly once, newest first", async () => {
    const customer = newCustomer();
    const created = await createOrders(customer, 120);
    await eventually(async () => (await allPages('', 100, customer)).orders.length, (n) => n === 120, { what: '120 orders in the view' });

    const { orders, pageSizes } = await allPages('', 25, customer);
    expect(pageSizes).toEqual([25, 25, 25, 25, 20]);
    expect(orders.map((o) => o.orderId).sort()).toEqual([...created].sort());
    const times = orders.map((o) => o.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('filters by customer and by status', async () => {
    const sku = await addProduct(10);
    const customerId = `c-${randomUUID()}`;
    const customer = as({ sub: customerId });
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => customer('POST', '/orders', { currency: 'EUR', items: [{ sku, quantity: 1 }] }).then((r) => r.body.orderId as string)));
    await customer('POST', `/orders/${a}/place`, { paymentMethod: 'tok_visa' });
    await customer('POST', `/orders/${b}/cancel`, { reason: 'not needed' });
    await eventually(() => customer('GET', `/orders?status=confirmed`), (r) => r.body.items.length === 1, { what: 'the confirmed order' });

    const ids = async (query: string, call = asAdmin) => (await allPages(query, 100, call)).orders.map((o) => o.orderId);
    // The customer, by status (their own orders only), and an admin asking for that customer.
    expect(await ids('status=confirmed', customer)).toEqual([a]);
    expect(await ids(`customerId=${customerId}&status=cancelled`, customer)).toEqual([b]);
    expect(await ids(`customerId=${customerId}&status=draft`)).toEqual([c]);
    expect((await ids(`customerId=${customerId}`)).sort()).toEqual([a, b, c].sort());
    // An admin across customers, by status and with no filter at all.
    expect(await ids(`status=cancelled`)).toContain(b);
    expect(await ids(`status=cancelled`)).not.toContain(a);
    expect(await ids('')).toEqual(expect.arrayContaining([a, b, c]));
  });

  it('answers bad paging parameters with 400', async () => {
    const customerId = `c-${randomUUID()}`;
    await createOrders(as({ sub: customerId }), 2);
    await eventually(() => asAdmin('GET', `/orders?customerId=${customerId}&limit=1`), (r) => Boolean(r.body.nextCursor), { what: 'a second page' });
    const { body } = await asAdmin('GET', `/orders?customerId=${customerId}&limit=1`);
    const bad = [
      `customerId=${customerId}&limit=0`,
      `customerId=${customerId}&limit=101`,
      `customerId=${customerId}&limit=abc`,
      `customerId=${customerId}&cursor=not-a-cursor`,
      `status=placed&cursor=${body.nextCursor}`, // a cursor of another query
      `customerId=${customerId}&colour=red`,
    ];
    for (const query of bad) {
      const res = await asAdmin('GET', `/orders?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('lists products a page at a time', async () => {
    const sku = await addProduct(1);
    await eventually(() => api('GET', `/products/${sku}`), (r) => r.status === 200, { what: 'the product view' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await api('GET', `/products?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...res.body.items.map((p: { sku: string }) => p.sku));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toContain(sku);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

const sameCounts = (a: Record<string, number>, b: Record<string, number>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

describe('stats', () => {
  it('match the orders: counts by status and confirmed revenue', async () => {
    const statuses = ['draft', 'placed', 'confirmed', 'shipped', 'delivered', 'cancelled', 'rejected'];
    const truth = async () => {
      const counts: Record<string, number> = {};
      let revenue = 0;
      for (const status of statuses) {
        const { orders } = await allPages(`status=${status}`, 100);
        if (orders.length) counts[status] = orders.length;
        if (['confirmed', 'shipped', 'delivered'].includes(status)) revenue += orders.reduce((sum, o) => sum + o.total.amount, 0);
      }
      return { counts, revenue };
    };
    const figures = async () => {
      const { body } = await asAdmin('GET', '/stats');
      const counts = Object.fromEntries(Object.entries(body.ordersByStatus as Record<string, number>).filter(([, n]) => n !== 0));
      const revenue = (body.revenueByDay as { amounts: Record<string, number> }[]).reduce((sum, d) => sum + (d.amounts.EUR ?? 0), 0);
      return { counts, revenue, sagaOutcomes: body.sagaOutcomes };
    };
    const sku = await addProduct(5);
    const orderId = await createOrder([{ sku, quantity: 1 }]);
    await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });

    const result = await eventually(
      async () => ({ truth: await truth(), figures: await figures() }),
      ({ truth: t, figures: f }) => sameCounts(t.counts, f.counts) && t.revenue === f.revenue && (t.counts.confirmed ?? 0) > 0,
      { what: 'stats to match the orders view', timeoutMs: 30_000, intervalMs: 300 },
    );
    expect(result.figures.sagaOutcomes.confirmed).toBeGreaterThan(0);
  });
});

describeLocal('a poison record', 'writes an event no projection can apply into the store and reads the local dead-letter files', () => {
  it('ends in the dead-letter queue after the retries while the next records are applied', async () => {
    const { outputs } = testEnv();
    const dynamo = new DynamoDBClient(clientConfig('dynamodb'));
    // Test-only injection straight into the store: an event no projection can apply.
    const poison = `order#${randomUUID()}`;
    await dynamo.send(
      new PutItemCommand({
        TableName: outputs?.EventsTableName,
        Item: { streamId: { S: poison }, version: { N: '1' }, type: { S: 'OrderTeleported' }, data: { M: {} }, meta: { M: { eventId: { S: randomUUID() }, correlationId: { S: 'poison-test' }, schemaVersion: { N: '1' } } }, at: { S: new Date().toISOString() } },
      }),
    );
    const after = await createOrder([]);

    await eventually(() => api('GET', `/orders/${after}`), (r) => r.status === 200, { what: 'the order created after the poison record' });
    const dir = join(__dirname, '..', '..', '.local', 'dead-letters');
    const letters = await eventually(
      async () => (existsSync(dir) ? readdirSync(dir).flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l))) : []),
      (all) => all.filter((l) => /ProjectOrders|ProjectStats/.test(l.requestContext.functionArn)).length >= 2,
      { what: 'the poison record in the dead-letter queue', timeoutMs: 30_000 },
    );
    const orders = letters.find((l) => /ProjectOrders/.test(l.requestContext.functionArn));
    expect(orders).toMatchObject({ requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 4 }, DDBStreamBatchInfo: { batchSize: 1 } });
  });
});
