import { randomUUID } from 'node:crypto';
import { quiet } from '../../../bench/cost-run';
import { as, asAdmin } from '../../support/api';
import { inBatches } from '../../support/batches';
import { eventually } from '../../support/eventually';
import { addProduct } from '../../support/fixtures';
import type { SagaView } from '../../support/saga';
import { testEnv } from '../../support/test-env';

type Lines = { sku: string; quantity: number }[];
type Raced = { orderId: string; lines: Lines; saga: SagaView };

/**
 * Creates one draft order per entry for a customer of its own, places them ALL AT ONCE, waits
 * until the orders view shows every one ended, and returns each order with its saga.
 */
async function placeAllAtOnce(orders: Lines[]): Promise<Raced[]> {
  const customer = as({ sub: `hot-${randomUUID()}` });
  const created = await inBatches(orders, 25, async (lines) => {
    const res = await customer('POST', '/orders', { currency: 'EUR', items: lines });
    if (res.status !== 201) throw new Error(`could not create an order: ${res.status} ${JSON.stringify(res.body)}`);
    return { orderId: String(res.body.orderId), lines };
  });
  const placed = await Promise.all(created.map(({ orderId }) => customer('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' })));
  expect(placed.map((res) => res.status)).toEqual(created.map(() => 202));

  await eventually(
    async () => {
      const statuses: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await customer('GET', `/orders?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        statuses.push(...page.body.items.map((order: { status: string }) => order.status));
        cursor = page.body.nextCursor ?? undefined;
      } while (cursor);
      return statuses;
    },
    (statuses) => statuses.length === orders.length && !statuses.includes('placed'),
    { what: `all ${orders.length} orders to end`, timeoutMs: 240_000, intervalMs: 2_000 },
  );
  return inBatches(created, 10, async (order) => ({ ...order, saga: (await asAdmin<SagaView>('GET', `/orders/${order.orderId}/saga`)).body }));
}

type Stock = { onHand: number; reserved: number; sold: number; available: number };
const stockOf = async (sku: string): Promise<Stock> => (await asAdmin<Stock>('GET', `/products/${sku}`)).body;
const unitsOf = (raced: Raced[], sku: string) => raced.flatMap((order) => order.lines).filter((line) => line.sku === sku).reduce((sum, line) => sum + line.quantity, 0);

// A load test (`*.load.test.ts`): minutes of sagas, so `npm run test:load` runs it, not `npm test`.
describe('a hot product: hundreds of orders placed at once on little stock', () => {
  // The local system is shared with the suites that run after this one: let it work off the
  // thousand orders' backlog (projections, the bus, notifications) before they start.
  afterAll(async () => {
    const { edgeUrl } = testEnv();
    if (edgeUrl) await quiet(edgeUrl);
  }, 300_000);

  it('sells exactly its 250 units to 500 orders: 250 confirmed, 250 rejected for stock, none failed, none oversold, every saga ended', async () => {
    const sku = await addProduct(250);
    const raced = await placeAllAtOnce(Array.from({ length: 500 }, () => [{ sku, quantity: 1 }]));

    expect(raced.map((order) => order.saga.status)).toEqual(raced.map(() => 'SUCCEEDED'));
    const confirmed = raced.filter((order) => order.saga.output?.outcome === 'confirmed');
    const rejected = raced.filter((order) => order.saga.output?.outcome === 'rejected');
    expect(confirmed).toHaveLength(250);
    expect(rejected).toHaveLength(250);
    for (const order of rejected) expect(order.saga.output?.reason).toMatch(/insufficient stock/);
    // A lost race is retried, never compensated: no confirmed order ran an undo.
    for (const order of confirmed) expect(order.saga.path).not.toContain('ReleaseStock');
    expect(await stockOf(sku)).toMatchObject({ onHand: 0, reserved: 0, sold: 250, available: 0 });
  }, 400_000);

  it('sells no more than there is of two products when orders of either, or both, overlap; every rejection is a product truly sold out', async () => {
    const [a, b] = [await addProduct(250), await addProduct(250)];
    const orders: Lines[] = Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? [{ sku: a, quantity: 1 }] : i % 3 === 1 ? [{ sku: b, quantity: 1 }] : [{ sku: a, quantity: 1 }, { sku: b, quantity: 1 }]));
    const raced = await placeAllAtOnce(orders);

    expect(raced.map((order) => order.saga.status)).toEqual(raced.map(() => 'SUCCEEDED'));
    expect(raced.filter((order) => !['confirmed', 'rejected'].includes(order.saga.output?.outcome ?? ''))).toEqual([]);
    const confirmed = raced.filter((order) => order.saga.output?.outcome === 'confirmed');
    const [stockA, stockB] = [await stockOf(a), await stockOf(b)];
    // What was sold is exactly what the confirmed orders bought, and never more than there was.
    expect(stockA).toMatchObject({ reserved: 0, sold: unitsOf(confirmed, a), onHand: 250 - unitsOf(confirmed, a), available: 250 - unitsOf(confirmed, a) });
    expect(stockB).toMatchObject({ reserved: 0, sold: unitsOf(confirmed, b), onHand: 250 - unitsOf(confirmed, b), available: 250 - unitsOf(confirmed, b) });
    // Stock only goes down here, so a rejection must name a product that ended sold out.
    const soldOut = new Set([a, b].filter((_sku, i) => [stockA, stockB][i]!.available === 0));
    for (const order of raced.filter((o) => o.saga.output?.outcome === 'rejected')) {
      const named = [a, b].filter((sku) => order.saga.output?.reason?.includes(sku));
      expect(named.length).toBeGreaterThan(0);
      for (const sku of named) expect(soldOut.has(sku)).toBe(true);
    }
  }, 400_000);
});
