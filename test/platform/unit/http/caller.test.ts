import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { groupsOf, requestCaller } from '../../../../functions/platform/http/caller';
import { idempotentRequest } from '../../../../functions/platform/http/idempotency';
import { HttpError } from '../../../../functions/platform/http/problem';

const event = (claims?: Record<string, unknown>, extra: Partial<APIGatewayProxyEventV2> = {}) =>
  ({
    headers: {},
    rawPath: '/orders',
    requestContext: { http: { method: 'POST', path: '/orders' }, requestId: 'r-1', ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}) },
    ...extra,
  }) as unknown as APIGatewayProxyEventV2;

describe('the caller of a request, from the claims API Gateway verified', () => {
  it('reads groups as API Gateway renders an array claim, and as an array', () => {
    expect(groupsOf('[admin support]')).toEqual(['admin', 'support']);
    expect(groupsOf('[]')).toEqual([]);
    expect(groupsOf('admin')).toEqual(['admin']);
    expect(groupsOf(['admin', 7])).toEqual(['admin']);
    expect(groupsOf(undefined)).toEqual([]);
  });

  it('makes an admin of the admin group, from cognito:groups or groups', () => {
    expect(requestCaller(event({ sub: 'u-1', 'cognito:groups': '[admin]' }))).toEqual({ id: 'u-1', admin: true });
    expect(requestCaller(event({ sub: 'u-2', groups: '[staff admin]' }))).toEqual({ id: 'u-2', admin: true });
    expect(requestCaller(event({ sub: 'u-3', 'cognito:groups': '[administrators]' }))).toEqual({ id: 'u-3', admin: false });
    expect(requestCaller(event({ sub: 'u-4' }))).toEqual({ id: 'u-4', admin: false });
  });

  it('refuses a request with no verified subject, or one that cannot name a customer, with a 401', () => {
    for (const claims of [undefined, {}, { sub: '' }, { sub: 'a b' }, { sub: 'x'.repeat(129) }, { sub: 42 }]) {
      expect(() => requestCaller(event(claims))).toThrow(HttpError);
      try {
        requestCaller(event(claims));
      } catch (error) {
        expect((error as HttpError).status).toBe(401);
      }
    }
  });
});

describe('idempotency keys', () => {
  it("are the caller's own and the route's own", () => {
    const headers = { 'idempotency-key': 'k-1' };
    const ada = idempotentRequest(event(undefined, { headers, body: '{}' }), { id: 'ada', admin: false });
    const bob = idempotentRequest(event(undefined, { headers, body: '{}' }), { id: 'bob', admin: false });
    const otherRoute = idempotentRequest(event(undefined, { headers, body: '{}', rawPath: '/products' }), { id: 'ada', admin: false });
    expect(ada?.clientKey).toBe('k-1');
    expect(new Set([ada?.key, bob?.key, otherRoute?.key]).size).toBe(3);
    expect(ada?.requestHash).toBe(bob?.requestHash);
  });
});
