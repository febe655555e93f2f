import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { LocalHttpApi, type JwtAuthorizer } from '../../../local/http-api';

/** The functions behind the routes are test functions here: this tests the local API Gateway itself. */
describe('the local HTTP API (payload format 2.0)', () => {
  const seen: { fn: string; event: APIGatewayProxyEventV2 }[] = [];
  let url = '';
  const api = new LocalHttpApi(async (fn, event, onStart) => {
    // A queued invocation: the integration's clock starts only when the function does.
    if (fn === 'queued') await new Promise((resolve) => setTimeout(resolve, 300));
    onStart();
    seen.push({ fn, event });
    if (fn === 'boom') throw new Error('function failed');
    if (fn === 'plain') return { hello: 'world' };
    if (fn === 'slow') return new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: 'late' }), 1_000));
    if (fn === 'queued') return { statusCode: 200, body: 'served' };
    return { statusCode: 201, headers: { 'x-fn': fn, etag: '"3"' }, body: JSON.stringify({ fn }) };
  });

  beforeAll(async () => {
    api.setRoutes([
      { routeKey: 'GET /orders/{id}', functionName: 'getOrder' },
      { routeKey: 'GET /orders/{id}/events', functionName: 'getEvents' },
      { routeKey: 'GET /orders/special', functionName: 'special' },
      { routeKey: 'ANY /files/{path+}', functionName: 'files' },
      { routeKey: 'POST /orders', functionName: 'createOrder' },
      { routeKey: 'GET /boom', functionName: 'boom' },
      { routeKey: 'GET /plain', functionName: 'plain' },
      { routeKey: 'GET /slow', functionName: 'slow', timeoutMs: 100 },
      { routeKey: 'GET /queued', functionName: 'queued', timeoutMs: 100 },
    ]);
    url = await api.listen(0);
  });
  afterAll(() => api.close());
  beforeEach(() => (seen.length = 0));

  it("answers 503 Service Unavailable when the function outlasts the integration's timeout, as API Gateway does", async () => {
    const res = await fetch(`${url}/slow`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ message: 'Service Unavailable' });
    // Waiting for an execution environment is not the function's time.
    expect((await fetch(`${url}/queued`)).status).toBe(200);
  });

  it('routes by method and path, with path parameters', async () => {
    const res = await fetch(`${url}/orders/o-1/events`);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-fn')).toBe('getEvents');
    expect(seen[0]?.event).toMatchObject({ version: '2.0', routeKey: 'GET /orders/{id}/events', rawPath: '/orders/o-1/events', pathParameters: { id: 'o-1' } });
  });

  it('prefers a literal segment over a parameter, and matches greedy parameters last', async () => {
    await fetch(`${url}/orders/special`);
    await fetch(`${url}/files/a/b/c.txt`, { method: 'DELETE' });
    expect(seen.map((s) => s.fn)).toEqual(['special', 'files']);
    expect(seen[1]?.event.pathParameters).toEqual({ path: 'a/b/c.txt' });
  });

  it('passes the body, lower-cased headers and query parameters', async () => {
    await fetch(`${url}/orders?a=1&a=2&b=x`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Thing': 'y' }, body: '{"k":1}' });
    const event = seen[0]?.event;
    expect(event?.body).toBe('{"k":1}');
    expect(event?.isBase64Encoded).toBe(false);
    expect(event?.headers['x-thing']).toBe('y');
    expect(event?.queryStringParameters).toEqual({ a: '1,2', b: 'x' });
    expect(event?.rawQueryString).toBe('a=1&a=2&b=x');
    expect(event?.requestContext.http.method).toBe('POST');
  });

  it('answers an unknown route with 404 and a method mismatch likewise, invoking nothing', async () => {
    expect((await fetch(`${url}/nothing`)).status).toBe(404);
    expect((await fetch(`${url}/orders`, { method: 'GET' })).status).toBe(404);
    expect(seen).toHaveLength(0);
  });

  it('hides a function error behind a bare 500, as API Gateway does', async () => {
    const res = await fetch(`${url}/boom`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('turns a result without statusCode into 200 JSON', async () => {
    const res = await fetch(`${url}/plain`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: 'world' });
  });

  it('answers a path with bad percent-encoding 400, invoking nothing, and keeps serving', async () => {
    const res = await fetch(`${url}/orders/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ message: 'Bad Request' });
    expect(seen).toHaveLength(0);
    expect((await fetch(`${url}/orders/o-1`)).status).toBe(201);
  });
});

describe('the local HTTP API when handling a request fails unexpectedly', () => {
  const authorizer: JwtAuthorizer = { id: 'Auth', name: 'auth', issuer: 'https://issuer.example', audiences: ['client'], identitySource: ['$request.header.Authorization'] };
  const api = new LocalHttpApi(async () => ({ statusCode: 200, body: 'ok' }), () => undefined, {
    // A verifier that breaks (not one that refuses): the kind of fault that used to escape as an unhandled rejection.
    verifyToken: async () => {
      throw new Error('key set unreadable');
    },
  });
  let url = '';
  beforeAll(async () => {
    api.setRoutes([
      { routeKey: 'GET /guarded', functionName: 'guarded', auth: { type: 'JWT', authorizer, scopes: [] } },
      { routeKey: 'GET /open', functionName: 'open' },
    ]);
    url = await api.listen(0);
  });
  afterAll(() => api.close());

  it('answers that request 500 and goes on serving the next', async () => {
    const res = await fetch(`${url}/guarded`, { headers: { authorization: 'Bearer x.y.z' }, signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    expect((await fetch(`${url}/open`, { signal: AbortSignal.timeout(5000) })).status).toBe(200);
  });

  it('refuses routes with a JWT authorizer when it has no verifier to check tokens with', () => {
    const bare = new LocalHttpApi(async () => undefined);
    expect(() => bare.setRoutes([{ routeKey: 'GET /guarded', functionName: 'guarded', auth: { type: 'JWT', authorizer, scopes: [] } }])).toThrow(/no token verifier/);
  });
});
