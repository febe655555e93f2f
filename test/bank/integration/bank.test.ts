import { randomUUID } from 'node:crypto';
import { as, asAdmin } from '../../support/api';
import { accountFromStore, moneyKey, newCustomer, openAccount, requestTransfer, transferEnded } from '../../support/bank-api';
import { eventually } from '../../support/eventually';
import { allStoredEvents } from '../../support/store';

/**
 * The bank, through the HTTP API of the running system: accounts and their rules, the transfer
 * request and its saga, the views. Every refusal is a problem and appends nothing.
 */
const eventCount = async (accountId: string) => (await asAdmin('GET', `/accounts/${accountId}/events`)).body.events.length;

describe('accounts', () => {
  it('opens, takes deposits and withdrawals, never overdraws, closes only when empty', async () => {
    const owner = newCustomer();
    const call = as(owner);
    const opened = await call('POST', '/accounts', { currency: 'EUR' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: 'open', ownerId: owner.sub, currency: 'EUR', balance: 0, version: 1 });
    const accountId: string = opened.body.accountId;
    expect(opened.headers.get('location')).toBe(`/accounts/${accountId}`);

    expect((await call('POST', `/accounts/${accountId}/deposit`, { amount: { amount: 10_000, currency: 'EUR' } }, moneyKey())).body.balance).toBe(10_000);
    expect((await call('POST', `/accounts/${accountId}/withdraw`, { amount: { amount: 2_500, currency: 'EUR' } }, moneyKey())).body.balance).toBe(7_500);

    const refusals: [string, unknown, number, RegExp][] = [
      ['withdraw', { amount: { amount: 7_501, currency: 'EUR' } }, 409, /holds 7500 EUR minor units, less than the 7501 asked for/],
      ['deposit', { amount: { amount: 100, currency: 'USD' } }, 422, /expected an amount in EUR, got USD/],
      ['deposit', { amount: { amount: 0, currency: 'EUR' } }, 422, /more than zero/],
      ['deposit', { amount: { amount: 10.5, currency: 'EUR' } }, 400, /integer minor units/],
      ['close', undefined, 409, /still holds 7500 EUR minor units/],
    ];
    for (const [action, body, status, detail] of refusals) {
      const before = await eventCount(accountId);
      const res = await call('POST', `/accounts/${accountId}/${action}`, body, moneyKey());
      expect([action, res.status, res.headers.get('content-type')]).toEqual([action, status, 'application/problem+json']);
      expect(res.body.detail).toMatch(detail);
      expect(await eventCount(accountId)).toBe(before);
    }

    await call('POST', `/accounts/${accountId}/withdraw`, { amount: { amount: 7_500, currency: 'EUR' } }, moneyKey());
    const closed = await call('POST', `/accounts/${accountId}/close`);
    expect(closed.body).toMatchObject({ status: 'closed', balance: 0 });
    const onClosed = await call('POST', `/accounts/${accountId}/deposit`, { amount: { amount: 1, currency: 'EUR' } }, moneyKey());
    expect([onClosed.status, onClosed.body.detail]).toEqual([409, `account ${accountId} is closed`]);

    // The view and the history agree with what was answered.
    const view = await eventually(() => call('GET', `/accounts/${accountId}`), (r) => r.body?.status === 'closed', { what: 'the closed account in its view' });
    expect(view.body).toMatchObject({ accountId, ownerId: owner.sub, balance: 0, status: 'closed', version: 5 });
    const history = await call('GET', `/accounts/${accountId}/events`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'MoneyWithdrawn', 'AccountClosed']);
  });

  it('moves money only under an Idempotency-Key: none is a 428 and appends nothing; a retry under the same key moves it once', async () => {
    const owner = newCustomer();
    const call = as(owner);
    const accountId = await openAccount(owner, 1_000);
    for (const action of ['deposit', 'withdraw']) {
      const before = await eventCount(accountId);
      const refused = await call('POST', `/accounts/${accountId}/${action}`, { amount: { amount: 100, currency: 'EUR' } });
      expect([action, refused.status, refused.headers.get('content-type')]).toEqual([action, 428, 'application/problem+json']);
      expect(refused.body.detail).toBe(`POST /accounts/{id}/${action} needs an Idempotency-Key header (a new UUID per request), so that a retried request cannot move the money twice`);
      expect(await eventCount(accountId)).toBe(before);
    }
    // A client that timed out and retries sends the same key: one withdrawal, the same answer twice.
    const key = moneyKey();
    const [first, retried] = [await call('POST', `/accounts/${accountId}/withdraw`, { amount: { amount: 300, currency: 'EUR' } }, key), await call('POST', `/accounts/${accountId}/withdraw`, { amount: { amount: 300, currency: 'EUR' } }, key)];
    expect([first.status, retried.status, retried.body]).toEqual([200, 200, first.body]);
    expect(first.body.balance).toBe(700);
    expect((await accountFromStore(accountId)).balance).toBe(700);
    // Both at once under one key: still once.
    const twin = moneyKey();
    const both = await Promise.all([1, 2].map(() => call('POST', `/accounts/${accountId}/deposit`, { amount: { amount: 50, currency: 'EUR' } }, twin)));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect((await accountFromStore(accountId)).balance).toBe(750);
  });

  it("shows an owner their own accounts and transactions, newest first, a page at a time; another customer's do not exist", async () => {
    const owner = newCustomer();
    const call = as(owner);
    const accountId = await openAccount(owner, 100);
    for (const amount of [200, 300, 400]) await call('POST', `/accounts/${accountId}/deposit`, { amount: { amount, currency: 'EUR' } }, moneyKey());
    await call('POST', `/accounts/${accountId}/withdraw`, { amount: { amount: 50, currency: 'EUR' } }, moneyKey());
    const second = await openAccount(owner);

    const listed = await eventually(() => call('GET', '/accounts'), (r) => r.body?.items?.length === 2, { what: "the owner's two accounts" });
    expect(listed.body.items.map((a: { accountId: string }) => a.accountId).sort()).toEqual([accountId, second].sort());

    const first = await eventually(() => call('GET', `/accounts/${accountId}/transactions?limit=3`), (r) => r.body?.items?.[0]?.kind === 'withdrawal', { what: 'the transactions view' });
    expect(first.body.items.map((t: { kind: string; direction: string; amount: { amount: number } }) => [t.kind, t.direction, t.amount.amount])).toEqual([
      ['withdrawal', 'out', 50],
      ['deposit', 'in', 400],
      ['deposit', 'in', 300],
    ]);
    const next = await call('GET', `/accounts/${accountId}/transactions?limit=3&cursor=${first.body.nextCursor}`);
    expect(next.body.items.map((t: { amount: { amount: number } }) => t.amount.amount)).toEqual([200, 100]);
    expect(next.body.nextCursor).toBeUndefined();
    // A cursor of another account's listing is refused.
    expect((await call('GET', `/accounts/${second}/transactions?cursor=${first.body.nextCursor}`)).status).toBe(400);

    const stranger = as(newCustomer());
    const missing = randomUUID();
    for (const suffix of ['', '/transactions', '/events']) {
      const foreign = await stranger('GET', `/accounts/${accountId}${suffix}`);
      const absent = await stranger('GET', `/accounts/${missing}${suffix}`);
      expect([suffix, foreign.status, absent.status]).toEqual([suffix, 404, 404]);
      expect(foreign.body.detail).toBe(absent.body.detail.replace(missing, accountId));
    }
    const before = await eventCount(accountId);
    expect((await stranger('POST', `/accounts/${accountId}/withdraw`, { amount: { amount: 1, currency: 'EUR' } }, moneyKey())).status).toBe(404);
    expect(await eventCount(accountId)).toBe(before);
    expect((await stranger('GET', `/accounts?ownerId=${owner.sub}`)).status).toBe(403);
    // An admin sees anyone's.
    expect((await asAdmin('GET', `/accounts?ownerId=${owner.sub}`)).body.items).toHaveLength(2);
    expect((await asAdmin('GET', `/accounts/${accountId}/transactions`)).body.items).toHaveLength(5);
    // And every account's, newest first, a page at a time; a customer may not.
    await call('POST', `/accounts/${second}/deposit`, { amount: { amount: 777, currency: 'EUR' } }, moneyKey());
    const feed = await eventually(() => asAdmin('GET', '/transactions?limit=2'), (r) => r.body?.items?.some((t: { accountId: string }) => t.accountId === second), { what: 'the newest deposit in the feed' });
    const times = feed.body.items.map((t: { at: string }) => t.at);
    expect(times).toEqual([...times].sort().reverse());
    const older = await asAdmin('GET', `/transactions?limit=2&cursor=${feed.body.nextCursor}`);
    expect(older.body.items.every((t: { at: string }) => t.at <= times.at(-1))).toBe(true);
    expect((await call('GET', '/transactions')).status).toBe(403);
  });
});

describe('a transfer', () => {
  it('moves the money once, however often the request is repeated, and shows its saga to the owner', async () => {
    const owner = newCustomer();
    const payee = newCustomer();
    const source = await openAccount(owner, 10_000);
    const target = await openAccount(payee);
    const key = randomUUID();
    const asked = await requestTransfer(owner, source, target, 2_500, key);
    expect(asked.status).toBe(202);
    const transferId: string = asked.body.transferId;
    expect(asked.headers.get('location')).toBe(`/transfers/${transferId}`);
    expect(asked.body).toMatchObject({ status: 'requested', sourceAccountId: source, targetAccountId: target, amount: { amount: 2_500, currency: 'EUR' } });
    // The same request again, at once and after: the same answer, no second transfer.
    const repeats = await Promise.all([1, 2, 3].map(() => requestTransfer(owner, source, target, 2_500, key)));
    for (const repeat of repeats) expect([repeat.status, repeat.body.transferId]).toEqual([202, transferId]);

    const ended = await transferEnded(transferId);
    expect(ended.saga?.path).toEqual(['DebitSource', 'CreditTarget', 'CompleteTransfer', 'TransferCompleted']);
    expect(await accountFromStore(source)).toEqual({ balance: 7_500, status: 'open' });
    expect(await accountFromStore(target)).toEqual({ balance: 2_500, status: 'open' });

    const seen = await as(owner)('GET', `/transfers/${transferId}`);
    expect(seen.body).toMatchObject({ transferId, status: 'completed', saga: { status: 'SUCCEEDED', path: ['DebitSource', 'CreditTarget', 'CompleteTransfer', 'TransferCompleted'] } });
    // The steps' errors and causes are an operator's reading.
    expect(seen.body.saga.steps).toBeUndefined();
    expect((await as(payee)('GET', `/transfers/${transferId}`)).status).toBe(404);
    const listed = await eventually(() => as(owner)('GET', '/transfers?status=completed'), (r) => r.body?.items?.length === 1, { what: "the owner's completed transfer" });
    expect(listed.body.items[0]).toMatchObject({ transferId, status: 'completed' });
    expect((await as(owner)('GET', '/transfers?status=rejected')).body.items).toEqual([]);
    const credit = await eventually(() => as(payee)('GET', `/accounts/${target}/transactions`), (r) => r.body?.items?.length === 1, { what: "the payee's transaction" });
    expect(credit.body.items[0]).toMatchObject({ kind: 'transfer-in', direction: 'in', amount: { amount: 2_500 }, transferId });
  });

  it('is refused before anything is recorded when it cannot be asked for', async () => {
    const owner = newCustomer();
    const source = await openAccount(owner, 1_000);
    const target = await openAccount(newCustomer());
    const someoneElses = await openAccount(newCustomer(), 1_000);
    const cases: [string, () => Promise<{ status: number; body: any; headers: Headers }>, number, RegExp][] = [
      ['no Idempotency-Key', () => as(owner)('POST', '/transfers', { sourceAccountId: source, targetAccountId: target, amount: { amount: 1, currency: 'EUR' } }), 428, /Idempotency-Key/],
      ['to itself', () => requestTransfer(owner, source, source, 100), 422, /the source and the target are the same account/],
      ['of nothing', () => requestTransfer(owner, source, target, 0), 422, /more than zero/],
      ["from another customer's account", () => requestTransfer(owner, someoneElses, target, 100), 404, new RegExp(`account ${someoneElses} does not exist`)],
      ['from no account', () => requestTransfer(owner, randomUUID(), target, 100), 404, /does not exist/],
      ['of a fraction of a cent', () => requestTransfer(owner, source, target, 0.5), 400, /integer minor units/],
    ];
    for (const [name, call, status, detail] of cases) {
      const res = await call();
      expect([name, res.status, res.headers.get('content-type')]).toEqual([name, status, 'application/problem+json']);
      expect(res.body.detail).toMatch(detail);
    }
    // Nothing recorded: no transfer of the owner's in the store, and the accounts as they were.
    const requested = (await allStoredEvents()).filter((event) => event.type === 'TransferRequested' && event.data?.requestedBy === owner.sub);
    expect(requested).toEqual([]);
    for (const account of [source, target, someoneElses]) expect(await eventCount(account)).toBe(account === target ? 1 : 2);
  });
});
