import { randomUUID } from 'node:crypto';
import { as, asAdmin, type ApiResponse } from '../../support/api';
import { LIMITED_BUDGET, LIMITED_TIER } from '../../support/caller-budgets';
import { eventually } from '../../support/eventually';
import { addProduct } from '../../support/fixtures';
import { describeLocal } from '../../support/local-only';

const limitedCustomer = () => {
  const sub = `limited-${randomUUID()}`;
  return { sub, call: as({ sub, groups: [LIMITED_TIER] }) };
};

/** Until a fresh minute if this one is nearly over: the burst (seven rounds of ten, a few seconds even under load) must fall in one budget window. */
async function startOfAFreshEnoughMinute(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 12_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describeLocal('per-caller limits', `the test system gives the "${LIMITED_TIER}" tier ${LIMITED_BUDGET} requests a minute per route group (test/support/caller-budgets.ts)`, () => {
  it('answers 70 rapid commands from one customer with 429s past the budget, appends nothing for them, and serves another customer at once', async () => {
    const sku = await addProduct(1000);
    const [first, second] = [limitedCustomer(), limitedCustomer()];
    await startOfAFreshEnoughMinute();

    const create = (customer: { call: ReturnType<typeof as> }) => customer.call('POST', '/orders', { currency: 'EUR', items: [{ sku, quantity: 1 }] });
    const answers: ApiResponse[] = [];
    for (let batch = 0; batch < 7; batch++) answers.push(...(await Promise.all(Array.from({ length: 10 }, () => create(first)))));
    const served = answers.filter((res) => res.status === 201);
    const refused = answers.filter((res) => res.status === 429);
    expect([served.length, refused.length]).toEqual([LIMITED_BUDGET, 70 - LIMITED_BUDGET]);

    const [problem] = refused;
    expect(problem!.headers.get('content-type')).toBe('application/problem+json');
    const retryAfter = Number(problem!.headers.get('retry-after'));
    expect(retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(problem!.headers.get('x-correlation-id')).toBeTruthy();
    expect(problem!.body).toMatchObject({ title: 'Too many requests', status: 429, detail: expect.stringMatching(new RegExp(`budget of ${LIMITED_BUDGET} commands a minute; try again in \\d+ s$`)) });

    // Another customer of the same tier is served at once; the first still may read (its own budget per group).
    expect((await create(second)).status).toBe(201);
    expect((await first.call('GET', '/orders')).status).toBe(200);

    // A refused command appended nothing: the first customer has exactly the orders it was answered 201 for.
    const expected = served.map((res) => (res.body as { orderId: string }).orderId).sort();
    const listed = await eventually(
      () => asAdmin<{ items: { orderId: string }[] }>('GET', `/orders?customerId=${first.sub}&limit=100`),
      (res) => res.body?.items?.length >= expected.length,
      { what: `the ${expected.length} orders of ${first.sub} in the orders view` },
    );
    expect(listed.body.items.map((o) => o.orderId).sort()).toEqual(expected);
  });
});
