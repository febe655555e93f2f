import { randomUUID } from 'node:crypto';
import { as } from '../../support/api';
import { accountFromStore, newCustomer, openAccount } from '../../support/bank-api';

/** `Prefer: wait=<seconds>` (RFC 7240) on asking for a transfer: how it ended, in one call, when its saga ends within the wait. */
describe('asking for a transfer with Prefer: wait', () => {
  const ask = async (amount: number, prefer: string) => {
    const owner = newCustomer();
    const source = await openAccount(owner, 5_000);
    const target = await openAccount(newCustomer());
    const res = await as(owner)('POST', '/transfers', { sourceAccountId: source, targetAccountId: target, amount: { amount, currency: 'EUR' } }, { 'idempotency-key': randomUUID(), prefer });
    return { res, source, target };
  };

  it('answers 200 with the completed transfer when its saga ends within the wait', async () => {
    const { res, source, target } = await ask(1_200, 'wait=5');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'completed', debited: true, credited: true });
    expect(res.headers.get('preference-applied')).toBe('wait=5');
    expect([(await accountFromStore(source)).balance, (await accountFromStore(target)).balance]).toEqual([3_800, 1_200]);
  });

  it('answers 200 with a rejection and its reason, and 202 when the wait is over first', async () => {
    const refused = await ask(9_000, 'wait=5');
    expect(refused.res.status).toBe(200);
    expect(refused.res.body).toMatchObject({ status: 'rejected', reason: expect.any(String) });
    const late = await ask(100, 'wait=0');
    expect(late.res.status).toBe(202);
    expect(late.res.body.status).toBe('requested');
  });
});
