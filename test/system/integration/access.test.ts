import { randomUUID } from 'node:crypto';
import { as, asAdmin, type ApiResponse } from '../../support/api';
import { ADMIN, strangerKey, tokenFor, type TestCaller } from '../../support/callers';
import { eventually } from '../../support/eventually';
import { addProduct, history } from '../../support/fixtures';
import { moneyKey } from '../../support/bank-api';
import { sagaEnded } from '../../support/saga';
import { correlationIdsInStore } from '../../support/store';

/**
 * Every route × every kind of caller. Who may do what is decided in functions/platform/domain/access.ts and each context's domain/access.ts;
 * here it is checked through the HTTP API of the running system, with real signed tokens:
 * - no token, a forged signature, an expired token, a token for another audience: 401, from the
 *   authorizer (API Gateway's own `{"message":"Unauthorized"}`), the function never runs;
 * - a customer on an admin route: 403; on another customer's order: 404, as if it did not exist;
 * - the owner and an admin get through.
 * And no refused request appends anything.
 */
type Who = 'anonymous' | 'forged' | 'expired' | 'wrongAudience' | 'owner' | 'otherCustomer' | 'admin';
const EVERYONE: Who[] = ['anonymous', 'forged', 'expired', 'wrongAudience', 'owner', 'otherCustomer', 'admin'];

type Request = { method: string; path: string; body?: unknown };
/** `public`: no token needed; `signed-in`: any valid token; `owner`: the order's customer or an admin; `admin`: admins only. */
type RouteCase = { route: string; access: 'public' | 'signed-in' | 'owner' | 'admin'; ok: number; request: () => Promise<Request & { orderId?: string; accountId?: string }> };

const owner: TestCaller = { sub: `owner-${randomUUID()}` };
const otherCustomer: TestCaller = { sub: `other-${randomUUID()}` };
const callAs = as(owner);

let sku: string;
let confirmedOrder: string;
let account: string;
let transferId: string;

/** A fresh draft of the owner's, with one line: each call gets its own, so no call sees another's effects. */
async function draft(): Promise<string> {
  const res = await callAs('POST', '/orders', { currency: 'EUR', items: [{ sku, quantity: 1 }] });
  if (res.status !== 201) throw new Error(`could not create a draft: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.orderId;
}

const onDraft = (method: string, suffix: () => string, body?: () => unknown) => async () => {
  const orderId = await draft();
  return { method, path: `/orders/${orderId}${suffix()}`, body: body?.(), orderId };
};
const onConfirmed = (suffix: string) => async () => ({ method: 'GET', path: `/orders/${confirmedOrder}${suffix}`, orderId: confirmedOrder });

/** A fresh account of the owner's, holding 1000: each call gets its own. */
async function ownAccount(): Promise<string> {
  const opened = await callAs('POST', '/accounts', { currency: 'EUR' });
  if (opened.status !== 201) throw new Error(`could not open an account: ${opened.status} ${JSON.stringify(opened.body)}`);
  await callAs('POST', `/accounts/${opened.body.accountId}/deposit`, { amount: { amount: 1000, currency: 'EUR' } }, moneyKey());
  return opened.body.accountId;
}
const onAccount = (method: string, suffix: string, body?: unknown) => async () => {
  const accountId = await ownAccount();
  return { method, path: `/accounts/${accountId}${suffix}`, body, accountId };
};
const amount = { amount: { amount: 10, currency: 'EUR' } };
const MOVES_MONEY = ['POST /transfers', 'POST /accounts/{id}/deposit', 'POST /accounts/{id}/withdraw'];

const ROUTES: RouteCase[] = [
  { route: 'GET /health', access: 'public', ok: 200, request: async () => ({ method: 'GET', path: '/health' }) },
  { route: 'POST /products', access: 'admin', ok: 201, request: async () => ({ method: 'POST', path: '/products', body: { sku: `ACL-${randomUUID().slice(0, 8)}`, name: 'Lamp', price: { amount: 999, currency: 'EUR' }, stock: 3 } }) },
  { route: 'POST /products/{sku}/restock', access: 'admin', ok: 200, request: async () => ({ method: 'POST', path: `/products/${sku}/restock`, body: { quantity: 1 } }) },
  { route: 'GET /products', access: 'signed-in', ok: 200, request: async () => ({ method: 'GET', path: '/products?limit=5' }) },
  { route: 'GET /products/{sku}', access: 'signed-in', ok: 200, request: async () => ({ method: 'GET', path: `/products/${sku}` }) },
  { route: 'POST /orders', access: 'signed-in', ok: 201, request: async () => ({ method: 'POST', path: '/orders', body: { currency: 'EUR' } }) },
  { route: 'POST /orders/{id}/items', access: 'owner', ok: 200, request: onDraft('POST', () => '/items', () => ({ sku, quantity: 1 })) },
  { route: 'DELETE /orders/{id}/items/{sku}', access: 'owner', ok: 200, request: onDraft('DELETE', () => `/items/${sku}`) },
  { route: 'POST /orders/{id}/place', access: 'owner', ok: 202, request: onDraft('POST', () => '/place', () => ({ paymentMethod: 'tok_visa' })) },
  { route: 'POST /orders/{id}/cancel', access: 'owner', ok: 200, request: onDraft('POST', () => '/cancel', () => ({ reason: 'changed my mind' })) },
  // A draft cannot ship or be delivered: an admin gets the rule's 409, which shows access was granted.
  { route: 'POST /orders/{id}/ship', access: 'admin', ok: 409, request: onDraft('POST', () => '/ship', () => ({ trackingNumber: 'T-1' })) },
  { route: 'POST /orders/{id}/deliver', access: 'admin', ok: 409, request: onDraft('POST', () => '/deliver') },
  { route: 'GET /orders', access: 'signed-in', ok: 200, request: async () => ({ method: 'GET', path: '/orders' }) },
  { route: 'GET /stats', access: 'admin', ok: 200, request: async () => ({ method: 'GET', path: '/stats' }) },
  { route: 'GET /sagas', access: 'admin', ok: 200, request: async () => ({ method: 'GET', path: '/sagas?limit=1' }) },
  { route: 'GET /inbox', access: 'admin', ok: 200, request: async () => ({ method: 'GET', path: '/inbox?limit=1' }) },
  // An item no one has: the admin gets through to a 404, anyone else is refused before the lookup.
  { route: 'GET /inbox/{id}', access: 'admin', ok: 404, request: async () => ({ method: 'GET', path: `/inbox/dl-${randomUUID()}` }) },
  { route: 'POST /inbox/{id}/retry', access: 'admin', ok: 404, request: async () => ({ method: 'POST', path: `/inbox/dl-${randomUUID()}/retry` }) },
  { route: 'POST /inbox/{id}/resolve', access: 'admin', ok: 404, request: async () => ({ method: 'POST', path: `/inbox/dl-${randomUUID()}/resolve`, body: { note: 'handled' } }) },
  { route: 'GET /orders/{id}', access: 'owner', ok: 200, request: onConfirmed('') },
  { route: 'GET /orders/{id}/saga', access: 'admin', ok: 200, request: onConfirmed('/saga') },
  { route: 'GET /orders/{id}/notifications', access: 'owner', ok: 200, request: onConfirmed('/notifications') },
  { route: 'GET /orders/{id}/events', access: 'owner', ok: 200, request: onConfirmed('/events') },
  { route: 'POST /accounts', access: 'signed-in', ok: 201, request: async () => ({ method: 'POST', path: '/accounts', body: { currency: 'EUR' } }) },
  { route: 'POST /accounts/{id}/deposit', access: 'owner', ok: 200, request: onAccount('POST', '/deposit', amount) },
  { route: 'POST /accounts/{id}/withdraw', access: 'owner', ok: 200, request: onAccount('POST', '/withdraw', amount) },
  // An account holding money cannot close: the owner and an admin get the rule's 409, which shows access was granted.
  { route: 'POST /accounts/{id}/close', access: 'owner', ok: 409, request: onAccount('POST', '/close') },
  { route: 'GET /accounts', access: 'signed-in', ok: 200, request: async () => ({ method: 'GET', path: '/accounts' }) },
  { route: 'GET /accounts/{id}', access: 'owner', ok: 200, request: async () => ({ method: 'GET', path: `/accounts/${account}`, accountId: account }) },
  { route: 'GET /accounts/{id}/transactions', access: 'owner', ok: 200, request: async () => ({ method: 'GET', path: `/accounts/${account}/transactions`, accountId: account }) },
  { route: 'GET /transactions', access: 'admin', ok: 200, request: async () => ({ method: 'GET', path: '/transactions?limit=5' }) },
  { route: 'GET /accounts/{id}/events', access: 'owner', ok: 200, request: async () => ({ method: 'GET', path: `/accounts/${account}/events`, accountId: account }) },
  // From the owner's account: another customer is told it does not exist.
  {
    route: 'POST /transfers',
    access: 'owner',
    ok: 202,
    request: async () => {
      const accountId = await ownAccount();
      return { method: 'POST', path: '/transfers', body: { sourceAccountId: accountId, targetAccountId: account, amount: { amount: 10, currency: 'EUR' } }, accountId };
    },
  },
  { route: 'GET /transfers', access: 'signed-in', ok: 200, request: async () => ({ method: 'GET', path: '/transfers' }) },
  { route: 'GET /transfers/{id}', access: 'owner', ok: 200, request: async () => ({ method: 'GET', path: `/transfers/${transferId}` }) },
  // No route matches: the $default route has the authorizer too, then answers a 404 problem.
  { route: '$default', access: 'signed-in', ok: 404, request: async () => ({ method: 'GET', path: '/no/such/route' }) },
];

function expected(access: RouteCase['access'], ok: number, who: Who): number {
  if (access === 'public') return ok;
  if (['anonymous', 'forged', 'expired', 'wrongAudience'].includes(who)) return 401;
  if (who === 'admin' || access === 'signed-in') return ok;
  if (access === 'admin') return 403;
  return who === 'owner' ? ok : 404;
}

let strangers: ReturnType<typeof strangerKey> | undefined;
/** One key the API does not trust, for every forged token (an RSA key pair takes a while to make). */
const stranger = () => (strangers ??= strangerKey());

/** The Authorization header each kind of caller sends (none for anonymous). */
async function authorizationOf(who: Who): Promise<Record<string, string>> {
  const hourAgo = new Date(Date.now() - 3_600_000);
  const tokens: Record<Exclude<Who, 'anonymous'>, () => Promise<string>> = {
    forged: async () => tokenFor(owner, { key: await stranger() }),
    expired: () => tokenFor(owner, { now: hourAgo, ttlSeconds: 600 }),
    wrongAudience: () => tokenFor(owner, { audience: 'someone-elses-app' }),
    owner: () => tokenFor(owner),
    otherCustomer: () => tokenFor(otherCustomer),
    admin: () => tokenFor(ADMIN),
  };
  return who === 'anonymous' ? {} : { authorization: `Bearer ${await tokens[who]()}` };
}

describe('identity and access, route by route', () => {
  beforeAll(async () => {
    sku = await addProduct(1000);
    confirmedOrder = await draft();
    await callAs('POST', `/orders/${confirmedOrder}/place`, { paymentMethod: 'tok_visa' });
    await sagaEnded(confirmedOrder);
    await eventually(() => callAs('GET', `/orders/${confirmedOrder}/notifications`), (r) => r.status === 200 && r.body.notifications.length > 0, { what: 'the confirmation notice' });
    account = await ownAccount();
    const asked = await callAs('POST', '/transfers', { sourceAccountId: account, targetAccountId: await ownAccount(), amount: { amount: 1, currency: 'EUR' } }, { 'idempotency-key': randomUUID() });
    transferId = asked.body.transferId;
    await eventually(() => callAs('GET', `/transfers/${transferId}`), (r) => r.status === 200 && r.body.status === 'completed', { what: 'the completed transfer in its view' });
    await eventually(() => callAs('GET', `/accounts/${account}`), (r) => r.status === 200 && r.body.balance === 999, { what: 'the account in its view' });
  });

  it('answers every route × caller as the policy says, and no refusal appends an event', async () => {
    const seen: string[] = [];
    const refusedRequestIds: string[] = [];
    for (const { route, access, ok, request } of ROUTES) {
      // A refused call leaves its draft or account as it was (checked below), so the next caller
      // may have it too; after an allowed call, which may change it, the next gets a fresh one.
      let unchanged: Awaited<ReturnType<RouteCase['request']>> | undefined;
      for (const who of EVERYONE) {
        const want = expected(access, ok, who);
        const target = unchanged ?? (await request());
        unchanged = want === ok ? undefined : target;
        const { method, path, body, orderId, accountId } = target;
        const eventsOf = async () => (orderId ? (await history(orderId)).length : accountId ? (await asAdmin('GET', `/accounts/${accountId}/events`)).body.events.length : 0);
        // Counted only where the call must be refused: an allowed call may append.
        const before = want === ok ? 0 : await eventsOf();
        // Every route that moves money needs an Idempotency-Key (428 without): here each call has its own.
        const headers: Record<string, string> = MOVES_MONEY.includes(route) ? { 'idempotency-key': randomUUID() } : {};
        const res: ApiResponse = await as('anonymous')(method, path, body, { ...headers, ...(await authorizationOf(who)) });
        seen.push(`${route} ${who} → ${res.status}`);
        expect(`${route} ${who} → ${res.status}`).toBe(`${route} ${who} → ${want}`);
        if (res.status === 401) {
          // API Gateway's own answer: the function did not run.
          expect(res.body).toEqual({ message: 'Unauthorized' });
          expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
        } else if (res.status >= 400) {
          expect(res.headers.get('content-type')).toBe('application/problem+json');
          expect(res.body.detail).toEqual(expect.any(String));
        }
        if (want !== ok) {
          // Our function's correlation id (none when the authorizer refused): what its events would carry.
          const correlationId = res.headers.get('x-correlation-id');
          if (res.status !== 401) expect(`${route} ${who}: ${correlationId}`).toMatch(/: [\w.:-]+$/);
          refusedRequestIds.push(correlationId ?? '');
          expect(`${route} ${who}: ${await eventsOf()} events`).toBe(`${route} ${who}: ${before} events`);
        }
      }
    }
    expect(seen).toHaveLength(ROUTES.length * EVERYONE.length);
    const appended = await correlationIdsInStore();
    expect(refusedRequestIds.filter((id) => id && appended.has(id))).toEqual([]);
  });

  it("answers another customer's order exactly as a missing one", async () => {
    const missing = randomUUID();
    const other = as(otherCustomer);
    for (const suffix of ['', '/events', '/notifications']) {
      const foreign = await other('GET', `/orders/${confirmedOrder}${suffix}`);
      const absent = await other('GET', `/orders/${missing}${suffix}`);
      expect([suffix, foreign.status]).toEqual([suffix, 404]);
      expect(foreign.body.detail).toBe(absent.body.detail.replace(missing, confirmedOrder));
    }
    // An If-Match on someone else's order still says 404, not 412: the version is not theirs to learn.
    const cancel = await other('POST', `/orders/${confirmedOrder}/cancel`, { reason: 'mine now' }, { 'if-match': '"1"' });
    expect(cancel.status).toBe(404);
  });

  it("lists a customer's own orders only, and refuses to list another's", async () => {
    const mine = await draft();
    const theirs = (await as(otherCustomer)('POST', '/orders', { currency: 'EUR' })).body.orderId;
    const listed = await eventually(() => callAs('GET', '/orders?limit=100'), (r) => r.body.items.some((o: { orderId: string }) => o.orderId === mine), { what: "the owner's new order listed" });
    expect(listed.body.items.map((o: { customerId: string }) => o.customerId)).toEqual(listed.body.items.map(() => owner.sub));
    expect(listed.body.items.map((o: { orderId: string }) => o.orderId)).not.toContain(theirs);
    const drafts = await callAs('GET', '/orders?status=draft&limit=100');
    expect(drafts.body.items.every((o: { customerId: string }) => o.customerId === owner.sub)).toBe(true);
    const refused = await callAs('GET', `/orders?customerId=${otherCustomer.sub}`);
    expect(refused.status).toBe(403);
    const forAdmin = await eventually(
      () => asAdmin('GET', `/orders?customerId=${otherCustomer.sub}&limit=100`),
      (r) => r.body.items.some((o: { orderId: string }) => o.orderId === theirs),
      { what: "the other customer's order for an admin" },
    );
    expect(forAdmin.body.items.every((o: { customerId: string }) => o.customerId === otherCustomer.sub)).toBe(true);
  });

  it("takes the customer from the token: a body's customerId is refused, and idempotency keys are the caller's own", async () => {
    const forged = await callAs('POST', '/orders', { customerId: otherCustomer.sub, currency: 'EUR' });
    expect(forged.status).toBe(400);
    expect(forged.body.detail).toMatch(/customerId/);

    const key = randomUUID();
    const first = await callAs('POST', '/orders', { currency: 'EUR' }, { 'idempotency-key': key });
    const replay = await callAs('POST', '/orders', { currency: 'EUR' }, { 'idempotency-key': key });
    const sameKeyOtherCaller = await as(otherCustomer)('POST', '/orders', { currency: 'EUR' }, { 'idempotency-key': key });
    expect(replay.body.orderId).toBe(first.body.orderId);
    expect(sameKeyOtherCaller.status).toBe(201);
    expect(sameKeyOtherCaller.body).toMatchObject({ customerId: otherCustomer.sub });
    expect(sameKeyOtherCaller.body.orderId).not.toBe(first.body.orderId);
  });
});
