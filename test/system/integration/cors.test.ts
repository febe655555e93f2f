import { bearer, CUSTOMER } from '../../support/callers';
import { ALLOWED_PAGE_ORIGIN, REFUSED_PAGE_ORIGIN } from '../../support/browser-origins';
import { describeLocal } from '../../support/local-only';
import { testEnv } from '../../support/test-env';

/** A preflight as a browser sends it before a GET with a token from a page on `origin`. */
const preflight = (path: string, origin: string) =>
  fetch(`${testEnv().apiUrl}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,x-correlation-id' } });

const corsHeadersOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));

describeLocal('CORS, as API Gateway answers it from the CORS configuration', 'the test run starts the local system with its page origin allowed', () => {
  it('answers a preflight from an allowed origin itself: 204 with the origin, methods, headers and max age, no token needed', async () => {
    const response = await preflight('/orders/4b0c6a1e-2f55-4a39-9d43-1c5e9c1f0b7a', ALLOWED_PAGE_ORIGIN);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(corsHeadersOf(response)).toEqual({
      'access-control-allow-origin': ALLOWED_PAGE_ORIGIN,
      'access-control-allow-methods': 'GET,POST,DELETE',
      'access-control-allow-headers': 'authorization,content-type,idempotency-key,if-match,prefer,x-correlation-id',
      'access-control-max-age': '600',
    });
  });

  it('gives a preflight from an origin not allowed no CORS headers (the browser then refuses the request)', async () => {
    const response = await preflight('/orders', REFUSED_PAGE_ORIGIN);
    expect(response.status).toBe(204);
    expect(corsHeadersOf(response)).toEqual({});
  });

  it('adds the allowed origin and the readable headers to a function\'s answer, and to the authorizer\'s refusal', async () => {
    const ok = await fetch(`${testEnv().apiUrl}/orders?limit=1`, { headers: { origin: ALLOWED_PAGE_ORIGIN, authorization: await bearer(CUSTOMER) } });
    expect(ok.status).toBe(200);
    expect(corsHeadersOf(ok)).toEqual({ 'access-control-allow-origin': ALLOWED_PAGE_ORIGIN, 'access-control-expose-headers': 'etag,location,retry-after,preference-applied,x-correlation-id' });
    const refused = await fetch(`${testEnv().apiUrl}/orders`, { headers: { origin: ALLOWED_PAGE_ORIGIN } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(ALLOWED_PAGE_ORIGIN);
  });

  it('adds nothing to an answer to an origin not allowed, or to a request with no Origin', async () => {
    const token = await bearer(CUSTOMER);
    const requests: Record<string, string>[] = [{ origin: REFUSED_PAGE_ORIGIN, authorization: token }, { authorization: token }];
    for (const headers of requests) {
      const response = await fetch(`${testEnv().apiUrl}/orders?limit=1`, { headers });
      expect(response.status).toBe(200);
      expect(corsHeadersOf(response)).toEqual({});
    }
  });

  it('sends an OPTIONS that is not a preflight (no Access-Control-Request-Method) to the route\'s function, which answers a problem', async () => {
    const response = await fetch(`${testEnv().apiUrl}/orders`, { method: 'OPTIONS', headers: { origin: ALLOWED_PAGE_ORIGIN } });
    // The function's own answer (no identity reached it), not the authorizer's {"message":"Unauthorized"}.
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_PAGE_ORIGIN);
  });
});
