import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { api, as, asAdmin } from '../../support/api';
import { eventually } from '../../support/eventually';
import { addProduct, createOrder } from '../../support/fixtures';
import { describeLocal } from '../../support/local-only';
import { runTool } from '../../support/local-tools';
import { clientConfig, testEnv } from '../../support/test-env';

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

  it('lists the orders created in a time range, for a customer and for an admin by status, its cursor bound to the range', async () => {
    const customerId = `c-${randomUUID()}`;
    const customer = as({ sub: customerId });
    const [early] = await createOrders(customer, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const later = await createOrders(customer, 2);
    await eventually(() => customer('GET', '/orders?limit=100'), (r) => r.body.items.length === 3, { what: 'the three orders listed' });
    const idsOf = async (query: string, call = customer) => ((await call('GET', `/orders?${query}`)).body.items as { orderId: string }[]).map((o) => o.orderId);
    expect(await idsOf(`to=${between}`)).toEqual([early]);
    expect((await idsOf(`from=${between}`)).sort()).toEqual([...later].sort());
    expect((await idsOf(`from=${between}&to=${new Date().toISOString()}`)).sort()).toEqual([...later].sort());
    expect(await idsOf(`customerId=${customerId}&status=draft&to=${between}`, asAdmin)).toEqual([early]);
    expect(await idsOf(`status=draft&from=${between}`, asAdmin)).toEqual(expect.arrayContaining(later));
    expect(await idsOf(`status=draft&from=${between}`, asAdmin)).not.toContain(early);
    // A page of one range goes on only in that range: its cursor is refused for another.
    const first = await customer('GET', `/orders?from=${between}&limit=1`);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect((await customer('GET', `/orders?from=${between}&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`)).status).toBe(200);
    expect((await customer('GET', `/orders?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`)).status).toBe(400);
    const backwards = await customer('GET', `/orders?from=${new Date().toISOString()}&to=${between}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.detail).toContain('is after');
    expect((await customer('GET', '/orders?from=yesterday')).status).toBe(400);
  });

  it("lists every order for an admin with no filter newest first, across pages, and within a range", async () => {
    const customer = newCustomer();
    const since = new Date().toISOString();
    // One after another: each is created after the one before.
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await customer('POST', '/orders', { currency: 'EUR' })).body.orderId);
    await eventually(() => customer('GET', '/orders?limit=100'), (r) => r.body.items.length === 5, { what: 'the five orders in the view' });

    // Other tests create orders meanwhile: page on (two at a time) until all five have been seen.
    const seen: Order[] = [];
    let cursor: string | undefined;
    do {
      const res = await asAdmin('GET', `/orders?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor && created.some((id) => !seen.some((o) => o.orderId === id)) && seen.length < 1000);
    const times = seen.map((o) => o.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(seen.map((o) => o.orderId).filter((id) => created.includes(id))).toEqual([...created].reverse());

    // The same index answers a range: only what was created since, still newest first.
    const { orders: recent } = await allPages(`from=${since}`, 3);
    expect(recent.map((o) => o.createdAt)).toEqual(recent.map((o) => o.createdAt).sort().reverse());
    expect(recent.every((o) => o.createdAt >= since)).toBe(true);
    expect(recent.map((o) => o.orderId).filter((id) => created.includes(id))).toEqual([...created].reverse());
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

describeLocal('a poison event', 'writes into the store and repairs it there, then redrives through the local SQS', () => {
  it('is parked with its content, never holds up its row or others, and after a redrive the row catches up', async () => {
    const { outputs } = testEnv();
    const store = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig('dynamodb')));
    const sku = await addProduct(10, 1000);
    const orderId = await createOrder([{ sku, quantity: 1 }]);
    // Test-only injection straight into the store: a line priced in another currency. The order's
    // decider folds it, but the orders view cannot total it: poison for that projection.
    const at = new Date().toISOString();
    const poison = { streamId: `order#${orderId}`, version: 2, type: 'ItemAdded', at, data: { orderId, line: { sku: 'ODD-1', quantity: 1, unitPrice: { amount: 5, currency: 'USD' } }, addedAt: at }, meta: { eventId: randomUUID(), correlationId: 'poison-test', schemaVersion: 1 } };
    await store.send(new PutCommand({ TableName: outputs?.OrdersEventsTableName, Item: poison }));

    // Later events of the same order, and other orders, keep projecting.
    const other = await createOrder([{ sku, quantity: 2 }]);
    expect((await api('POST', `/orders/${orderId}/items`, { sku, quantity: 2 })).status).toBe(200);
    await eventually(() => api('GET', `/orders/${other}`), (r) => r.status === 200, { what: 'another order in its view' });
    const skipped = await eventually(() => asAdmin('GET', `/orders/${orderId}`), (r) => r.body?.version === 3, { what: 'the order past its poison event' });
    expect(skipped.body).toMatchObject({ skippedVersions: [2], items: [{ sku, quantity: 3 }] });

    // The event was parked, content and all, and taken from the projection's parked queue into the operator's inbox.
    const parked = await eventually(
      () => asAdmin('GET', '/inbox?kind=parked-event&limit=100'),
      (r) => r.body?.items?.some((item: { source: string; concerns?: { id: string } }) => item.source === 'ProjectOrders' && item.concerns?.id === orderId),
      { what: 'the parked event in the inbox' },
    );
    const itemId = parked.body.items.find((item: { concerns?: { id: string } }) => item.concerns?.id === orderId).itemId;
    expect((await asAdmin('GET', `/inbox/${itemId}`)).body).toMatchObject({ kind: 'parked-event', error: 'Parked', retryable: true, message: { streamId: `order#${orderId}`, version: 2, type: 'ItemAdded' } });

    // A person mends the stored event, then redrives: the row is rebuilt from the store.
    await store.send(new PutCommand({ TableName: outputs?.OrdersEventsTableName, Item: { ...poison, data: { ...poison.data, line: { ...poison.data.line, unitPrice: { amount: 5, currency: 'EUR' } } } } }));
    expect(await runTool('redrive', ['ProjectOrders'])).toMatch(/ProjectOrders: [1-9]\d* message\(s\) moved back/);
    expect((await asAdmin('GET', `/inbox/${itemId}`)).body).toMatchObject({ state: 'done', history: [{ type: 'Opened' }, { type: 'Retried', by: expect.stringMatching(/^operator:/) }] });
    const healed = await eventually(() => asAdmin('GET', `/orders/${orderId}`), (r) => (r.body?.skippedVersions ?? []).length === 0 && r.body?.items?.length === 2, { what: 'the row to catch up' });
    expect(healed.body).toMatchObject({ version: 3, total: { amount: 3 * 1000 + 5, currency: 'EUR' } });
  });
});
