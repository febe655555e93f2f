import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import fc from 'fast-check';
import { ADMIN, CUSTOMER, bearer } from '../../support/callers';
import { addProduct, createOrder, history } from '../../support/fixtures';
import { correlationIdsInStore } from '../../support/store';
import { testEnv } from '../../support/test-env';
import { api, asAdmin } from '../../support/api';
import { contract } from '../../support/contract';

/**
 * Two thousand hostile requests, sent raw (node:http, so paths, headers and bodies go out exactly
 * as generated): mutated and forged cursors, bad percent-encodings, huge and deeply nested JSON,
 * control and bidi characters, numeric edge values, header abuse. Not one may get a 5xx; every
 * answer of our functions is problem+json (API Gateway's own 400/401/413/431 are its JSON); not
 * one appends an event; and the API still serves afterwards. Every request is built to be
 * refused (an unknown order, a bad currency…), so "nothing appended" is exact.
 */
const RUNS = 2000;

type Hostile = { method: string; path: string; headers: Record<string, string>; body?: string; why: string };
/** `requestId` is API Gateway's; `correlationId` is our function's (what events it appended would carry), when one answered. */
type Answer = { status: number; contentType: string; requestId: string; correlationId: string; text: string };

function send(apiUrl: string, h: Hostile): Promise<Answer> {
  const url = new URL(apiUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method: h.method, path: h.path, headers: h.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), requestId: String(res.headers['apigw-requestid'] ?? ''), correlationId: String(res.headers['x-correlation-id'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(h.body);
  });
}

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const nasty = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\u0000', '\u202E', '\u2066x\u2069', '\uFEFF', '\u200B', '\u0085', '\uD800', '\u0007\u0008', '𝕏'.repeat(50), '../../etc/passwd', '${jndi:ldap://x}', "'; DROP TABLE orders; --"),
);
const numbers = fc.oneof(
  fc.constantFrom(1e308, -1e308, 9007199254740993, -0, 1e-7, 0.1 + 0.2, 2 ** 53, -(2 ** 53)),
  fc.double(),
  fc.constantFrom('1e3', '0x10', 'NaN', 'Infinity', '', null, true, [], {}),
);
/** JSON nested `depth` deep, objects and arrays in turn, written as text (JSON.stringify would overflow the stack). */
function nestedJson(depth: number, leaf: string): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    open += i % 2 ? '[' : '{"a":';
    close = (i % 2 ? ']' : '}') + close;
  }
  return open + leaf + close;
}

function hostileRequests(admin: string, customer: string, orderId: string, sku: string, validCursor: string): fc.Arbitrary<Hostile> {
  const json = (method: string, path: string, body: unknown, why: string, headers: Record<string, string> = {}): Hostile => ({
    method,
    path,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { authorization: admin, 'content-type': 'application/json', ...headers },
    why,
  });
  const get = (path: string, why: string, headers: Record<string, string> = {}): Hostile => ({ method: 'GET', path, headers: { authorization: admin, ...headers }, why });
  const unknownOrder = () => `/orders/${randomUUID()}`;
  const mutate = (cursor: string) =>
    fc.oneof(
      fc.integer({ min: 0, max: Math.max(0, cursor.length - 1) }).chain((i) => fc.constantFrom('A', '_', '-', '0', '=', '%', '/').map((c) => cursor.slice(0, i) + c + cursor.slice(i + 1))),
      fc.integer({ min: 1, max: cursor.length }).map((n) => cursor.slice(0, n)),
      fc.string().map((s) => cursor + s),
    );
  const forgedKey = fc.oneof(
    fc.record({ orderId: fc.oneof(fc.uuid(), nasty, fc.integer()), customerId: fc.oneof(nasty, fc.constant('c-1')), createdAt: fc.oneof(nasty, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())) }),
    fc.record({ orderId: fc.uuid(), status: fc.oneof(nasty, fc.constantFrom('placed', 'draft')), createdAt: fc.constant('2026-01-01T00:00:00.000Z') }),
    fc.record({ orderId: fc.constant({ S: 'x' }), extra: fc.string() }),
    fc.record({ sku: fc.oneof(nasty, fc.integer(), fc.constant({ nested: true })) }),
    fc.constantFrom(null, [], 'string', 42, { k: { deep: JSON.parse(nestedJson(50, '1')) } }),
  );
  const scopes = fc.constantFrom('orders:c-1:', 'orders::placed', 'orders::', 'orders:c-1:placed', 'products', 'x');
  const filters = fc.constantFrom('', '&status=placed', '&customerId=c-1', '&customerId=c-1&status=draft');
  return fc.oneof(
    // Cursors: mutated, and forged with keys of every wrong shape.
    mutate(validCursor).map((c) => get(`/orders?cursor=${encodeURIComponent(c)}`, 'a mutated cursor')),
    fc.tuple(scopes, forgedKey, filters).map(([s, k, f]) => get(`/orders?cursor=${b64({ s, k })}${f}`, `a forged cursor ${JSON.stringify(k).slice(0, 60)}`)),
    fc.tuple(forgedKey).map(([k]) => get(`/products?cursor=${b64({ s: 'products', k })}`, 'a forged products cursor')),
    fc.string({ maxLength: 300 }).map((s) => get(`/orders?cursor=${encodeURIComponent(s)}`, 'cursor garbage')),
    // Paths with bad percent-encodings and worse.
    fc.constantFrom('%E0%A4%A', '%', '%zz', '%C0%AF', '%00', '%ED%A0%80', '%F4%90%80%80', '%25%', '..%2F..%2F', `${'a'.repeat(4000)}`).map((p) => get(`/orders/${p}`, `path ${p.slice(0, 20)}`)),
    fc.constantFrom('%E0%A4%A', '%', '%zz', '%00').map((p) => json('POST', `/orders/${p}/cancel`, { reason: 'x' }, `command path ${p}`)),
    fc.constantFrom('%E0%A4%A', '%zz').map((p) => get(`/products/${p}`, `product path ${p}`)),
    // Bodies: deeply nested, huge, odd numbers, nasty text — on an unknown order or with a bad currency, so none can be accepted.
    fc.integer({ min: 100, max: 20_000 }).map((depth) => json('POST', `${unknownOrder()}/cancel`, `{"reason":${nestedJson(depth, '"x"')}}`, `nesting ${depth}`)),
    fc.integer({ min: 60_000, max: 70_000 }).map((n) => json('POST', '/orders', { currency: 'EUR', pad: 'x'.repeat(n) }, `a body of ${n} bytes`)),
    numbers.map((n) => json('POST', `${unknownOrder()}/items`, { sku, quantity: n }, `quantity ${String(n)}`)),
    numbers.map((n) => json('POST', '/products', { sku: `H-${randomUUID().slice(0, 8)}`, name: 'x', price: { amount: n, currency: 'EUR' }, stock: -1 }, `amount ${String(n)}`)),
    nasty.map((t) => json('POST', `${unknownOrder()}/cancel`, { reason: t }, 'nasty reason on an unknown order')),
    nasty.map((t) => json('POST', '/orders', { currency: 'XXX', shippingAddress: { name: t, line1: t, city: t, postalCode: t, country: 'GB' } }, 'nasty address, bad currency')),
    nasty.map((t) => json('POST', '/orders', { currency: t }, 'nasty currency')),
    fc.constantFrom('{"__proto__":{"admin":true},"currency":"XXX"}', '{"constructor":{"prototype":{"x":1}},"currency":"ABC"}', '[]', 'null', '"x"', '{"currency":"EUR","items":{"length":1e9}}').map((b) =>
      json('POST', '/orders', b, `odd JSON ${b.slice(0, 20)}`),
    ),
    // Headers: If-Match, Idempotency-Key, content types, tokens — every one abused.
    nasty.filter((s) => /^[\x20-\x7e]*$/.test(s)).map((h) => json('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok visa' }, 'bad If-Match and body', { 'if-match': h || 'x' })),
    fc.string({ minLength: 256, maxLength: 2000 }).map((k) => json('POST', `${unknownOrder()}/cancel`, { reason: 'r' }, 'a long Idempotency-Key', { 'idempotency-key': k.replace(/[^\x21-\x7e]/g, 'k') })),
    fc.constantFrom('text/plain', 'application/jsonx', 'application/json; charset=utf-7', 'multipart/form-data; boundary=x', '').map((t) => json('POST', '/orders', { currency: 'XXX' }, `content type "${t}"`, { 'content-type': t })),
    fc.constantFrom('Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'a'.repeat(5000)}`, 'Bearer e30.e30.', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.').map((a) =>
      get(`/orders/${orderId}`, `authorization ${a.slice(0, 20)}`, { authorization: a }),
    ),
    fc.constant(null).map(() => get(`/orders/${orderId}`, 'a customer on someone else\'s order', { authorization: customer })),
    fc.integer({ min: 9_000, max: 15_000 }).map((n) => get('/orders', `a header of ${n} bytes`, { 'x-padding': 'p'.repeat(n) })),
    // The bank: forged cursors on its listings, bad paths, odd amounts and transfers from accounts that do not exist.
    fc.tuple(fc.constantFrom('/transactions', '/transfers', '/transfers?status=completed', '/accounts', `/accounts?ownerId=c-1`), fc.constantFrom('transactions', 'transfers::', 'transfers::completed', 'accounts:', 'accounts:c-1', 'x'), forgedKey).map(([path, s, k]) =>
      get(`${path}${path.includes('?') ? '&' : '?'}cursor=${b64({ s, k })}`, `a forged bank cursor on ${path}`),
    ),
    fc.constantFrom('%E0%A4%A', '%', '%zz', '%00', '..%2F').map((p) => json('POST', `/accounts/${p}/deposit`, { amount: { amount: 1, currency: 'EUR' } }, `account path ${p}`, { 'idempotency-key': randomUUID() })),
    numbers.map((n) => json('POST', `/accounts/${randomUUID()}/deposit`, { amount: { amount: n, currency: 'EUR' } }, `deposit ${String(n)} into no account`, { 'idempotency-key': randomUUID() })),
    fc.tuple(numbers, nasty).map(([n, t]) =>
      json('POST', '/transfers', { sourceAccountId: randomUUID(), targetAccountId: t, amount: { amount: n, currency: t } }, `a transfer of ${String(n)} from no account`, { 'idempotency-key': randomUUID() }),
    ),
    fc.integer({ min: 100, max: 20_000 }).map((depth) => json('POST', '/transfers', `{"sourceAccountId":${nestedJson(depth, '"x"')}}`, `a transfer nested ${depth} deep`, { 'idempotency-key': randomUUID() })),
  );
}

describe('hostile input', () => {
  it(`answers ${RUNS} hostile requests without a 5xx, appends nothing, and keeps serving`, async () => {
    const { apiUrl } = testEnv();
    const sku = await addProduct(10);
    const orderId = await createOrder([{ sku, quantity: 1 }]);
    // A real cursor to mutate: two orders of an admin's listing by customer, one per page.
    await createOrder([]);
    const page = await asAdmin('GET', `/orders?customerId=${CUSTOMER.sub}&limit=1`);
    const validCursor = String(page.body.nextCursor);
    const [admin, someoneElse] = [await bearer(ADMIN), await bearer({ sub: `other-${randomUUID()}` })];
    const statuses = new Map<number, number>();
    const requestIds: string[] = [];

    await fc.assert(
      fc.asyncProperty(hostileRequests(admin, someoneElse, orderId, sku, validCursor), async (h) => {
        const answer = await send(apiUrl!, h);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        requestIds.push(answer.correlationId);
        expect([h.why, answer.status < 500]).toEqual([h.why, true]);
        // Whoever answered, the answer is one the OpenAPI document allows for the route.
        (await contract()).check(h.method, h.path, { status: answer.status, contentType: answer.contentType || null, body: answer.text ? JSON.parse(answer.text) : undefined });
        if (answer.requestId && answer.status >= 400) {
          // The function answered: a problem with a detail.
          expect([h.why, answer.contentType]).toEqual([h.why, 'application/problem+json']);
          expect(JSON.parse(answer.text).detail).toEqual(expect.any(String));
        } else if (answer.text) {
          // API Gateway (or the HTTP layer in front of it) answered by itself.
          expect([h.why, answer.contentType]).toEqual([h.why, 'application/json']);
        }
      }),
      { numRuns: RUNS },
    );

    const appended = await correlationIdsInStore();
    // Most requests reached a function (the rest were answered by the authorizer or the HTTP layer).
    expect(requestIds.filter(Boolean).length).toBeGreaterThan(RUNS / 4);
    expect(requestIds.filter((id) => id && appended.has(id))).toEqual([]);
    expect((await history(orderId)).map((e) => e.type)).toEqual(['OrderCreated']);
    expect((await api('GET', `/orders/${orderId}`)).status).toBe(200);
    expect((await api('GET', '/health')).status).toBe(200);
    console.log(`hostile requests: ${RUNS}; statuses: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  });
});
