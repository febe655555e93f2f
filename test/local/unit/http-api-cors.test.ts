import { LocalHttpApi, type CorsConfiguration } from '../../../local/http-api';
import { corsConfigurationOf } from '../../../local/http-api/cors';
import { localCorsOrigins } from '../../../local/cors-origins';

/** A local HTTP API with one function route and a preflight route, and the CORS configuration given (if any). */
async function apiWith(cors: CorsConfiguration | undefined): Promise<{ url: string; invoked: string[]; close: () => Promise<void> }> {
  const invoked: string[] = [];
  const api = new LocalHttpApi(async (fn, _event, onStart) => {
    onStart();
    invoked.push(fn);
    // A function that sets CORS headers of its own: with a CORS configuration, API Gateway ignores them.
    return { statusCode: 200, headers: { 'access-control-allow-origin': '*', etag: '"2"' }, body: '{}' };
  });
  api.setRoutes([{ routeKey: 'GET /orders', functionName: 'listOrders' }, { routeKey: 'OPTIONS /{proxy+}', functionName: 'noRoute' }], cors);
  const url = await api.listen(0);
  return { url, invoked, close: () => api.close() };
}

const corsHeadersOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-')));
const preflight = (url: string, origin: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/orders`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', ...headers } });

describe("the local HTTP API's CORS, from the template's CorsConfiguration", () => {
  it('reads the configuration of an AWS::ApiGatewayV2::Api, and none when it has none', () => {
    expect(corsConfigurationOf({ CorsConfiguration: { AllowOrigins: ['https://a.example'], AllowMethods: ['GET'], MaxAge: 600, AllowCredentials: true } })).toEqual({
      allowOrigins: ['https://a.example'],
      allowMethods: ['GET'],
      allowHeaders: [],
      exposeHeaders: [],
      maxAge: 600,
      allowCredentials: true,
    });
    expect(corsConfigurationOf({ Name: 'api' })).toBeUndefined();
  });

  it('answers preflights itself (nothing invoked), with credentials when allowed, and puts its own headers in place of the function\'s', async () => {
    const api = await apiWith({ allowOrigins: ['https://a.example'], allowMethods: ['GET', 'POST'], allowHeaders: ['authorization'], exposeHeaders: ['etag'], maxAge: 300, allowCredentials: true });
    try {
      const answer = await preflight(api.url, 'https://a.example');
      expect(answer.status).toBe(204);
      expect(corsHeadersOf(answer)).toEqual({
        'access-control-allow-origin': 'https://a.example',
        'access-control-allow-methods': 'GET,POST',
        'access-control-allow-headers': 'authorization',
        'access-control-max-age': '300',
        'access-control-allow-credentials': 'true',
      });
      expect(api.invoked).toEqual([]);
      const response = await fetch(`${api.url}/orders`, { headers: { origin: 'https://a.example' } });
      expect(corsHeadersOf(response)).toEqual({ 'access-control-allow-origin': 'https://a.example', 'access-control-expose-headers': 'etag', 'access-control-allow-credentials': 'true' });
      expect(response.headers.get('etag')).toBe('"2"');
      // The function's own access-control-allow-origin is gone for a caller with no allowed origin too.
      expect(corsHeadersOf(await fetch(`${api.url}/orders`, { headers: { origin: 'https://b.example' } }))).toEqual({});
    } finally {
      await api.close();
    }
  });

  it('with * allows any origin, and echoes the headers a preflight asks for', async () => {
    const api = await apiWith({ allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'], exposeHeaders: [], allowCredentials: false });
    try {
      const answer = await preflight(api.url, 'https://anyone.example', { 'access-control-request-headers': 'authorization,if-match' });
      expect(corsHeadersOf(answer)).toEqual({ 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET', 'access-control-allow-headers': 'authorization,if-match' });
    } finally {
      await api.close();
    }
  });

  it('without a CORS configuration, routes a preflight like any request, and passes the function\'s headers on', async () => {
    const api = await apiWith(undefined);
    try {
      const answer = await preflight(api.url, 'https://a.example');
      expect(api.invoked).toEqual(['noRoute']);
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await api.close();
    }
  });

  it("allows by default (npm start) the API's own origin and the console's, on both loopback names; a random port gives none", () => {
    expect(localCorsOrigins({ api: 3000, edge: 4599 })).toEqual(['http://127.0.0.1:3000', 'http://localhost:3000', 'http://127.0.0.1:4599', 'http://localhost:4599']);
    expect(localCorsOrigins({ api: 0, edge: 0 })).toEqual([]);
  });
});
