import { LocalHttpApi, type HttpApiEvent } from '../../../local/http-api';
import { readHttpApi } from '../../../local/http-api/template-routes';
import { LocalIam } from '../../../local/iam';
import { tableKeysOf } from '../../../local/iam/table-keys';
import { createSigningKey, keySetDocument, mintToken, tokenVerifier, type SigningKey } from '../../../local/oidc';
import { localIssuerOf } from '../../../local/oidc/issuers';
import type { AssemblyStack } from '../../../local/template/cloud-assembly';
import { resourceProps } from '../../../local/template/stack-resource';
import { ACCOUNT, BANK, fixtureAssembly, fixtureStacksWith, ORDERS, PLATFORM } from './multi-stack-fixture';

/**
 * Routes of the context stacks on the platform's API, read from the fixture assembly and served
 * over real HTTP on loopback: each route's API id and authorizer id are imports, and API Gateway
 * may invoke a route's function only where a Lambda permission of its stack names the platform
 * API's execute-api ARN.
 */
function served(stacks?: AssemblyStack[]) {
  const { assembly } = fixtureAssembly(stacks);
  const log: string[] = [];
  const iam = new LocalIam({ resources: assembly.resources, account: ACCOUNT, tableKeys: tableKeysOf([]), log: (line) => log.push(line) });
  const functions = assembly.ofType('AWS::Lambda::Function').map((r) => r.physical!);
  for (const fn of functions) iam.addFunction({ name: fn.ref, arn: fn.attributes.Arn!, roleArn: undefined });
  const { routes, authorizers } = readHttpApi({
    resources: assembly.resources,
    props: resourceProps,
    functionNameByArn: (arn) => functions.find((fn) => fn.attributes.Arn === arn)?.ref,
    localIssuer: localIssuerOf(assembly.resources, ACCOUNT.region),
    account: ACCOUNT,
  });
  return { routes, authorizers, iam, log };
}

describe("context stacks' routes on the platform's HTTP API", () => {
  let key: SigningKey;
  let url = '';
  let api: LocalHttpApi;
  const invoked: string[] = [];
  const { routes, authorizers, iam } = served();
  const [authorizer] = authorizers;

  const call = (method: string, path: string, token?: string) => fetch(`${url}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const customerToken = () => mintToken(key, { sub: 'c-1', issuer: authorizer!.issuer, audience: authorizer!.audiences[0]! });

  beforeAll(async () => {
    key = await createSigningKey();
    const invoke = async (functionName: string, event: HttpApiEvent) => {
      invoked.push(functionName);
      const claims = 'authorizer' in event.requestContext ? event.requestContext.authorizer.jwt.claims : undefined;
      return { statusCode: 200, body: JSON.stringify({ functionName, sub: claims?.sub ?? null }) };
    };
    api = new LocalHttpApi(invoke, () => undefined, { verifyToken: tokenVerifier(keySetDocument([key])), refuseInvoke: (route) => iam.apiRouteRefusal(route) });
    api.setRoutes(routes);
    url = await api.listen(0);
  });
  afterAll(() => api.close());
  beforeEach(() => (invoked.length = 0));

  it("finds the platform's authorizer by the id a context stack imports, and its pool's issuer on the edge", () => {
    expect(authorizers).toHaveLength(1);
    expect(authorizer).toMatchObject({ id: `${PLATFORM}-HttpApiUsersAuthorizer1C2D3E4F`, name: 'orderline-users' });
    expect(authorizer!.issuer).toMatch(/^http:\/\/127\.0\.0\.1:4599\/us-east-1_[0-9A-Za-z]{9}$/);
    expect(routes.map((r) => [r.routeKey, r.auth?.type, r.functionName])).toEqual([
      ['GET /health', 'NONE', `${PLATFORM}-Health9A8B7C6D`],
      ['POST /orders', 'JWT', `${ORDERS}-ApiHandler5B8E3B2A`],
      ['POST /accounts', 'JWT', `${BANK}-ApiHandler5B8E3B2A`],
      ['GET /balances', 'JWT', `${BANK}-ApiHandler5B8E3B2A`],
    ]);
  });

  it("refuses a context's route without a token, and serves it with one from the platform's issuer", async () => {
    expect((await call('POST', '/orders')).status).toBe(401);
    expect(invoked).toEqual([]);
    const res = await call('POST', '/orders', await customerToken());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ functionName: `${ORDERS}-ApiHandler5B8E3B2A`, sub: 'c-1' });
  });

  it("serves the platform's open route and each context's routes with their own stack's function", async () => {
    expect((await call('GET', '/health')).status).toBe(200);
    expect((await call('POST', '/accounts', await customerToken())).status).toBe(200);
    expect(invoked).toEqual([`${PLATFORM}-Health9A8B7C6D`, `${BANK}-ApiHandler5B8E3B2A`]);
  });

  it('lets API Gateway invoke a function only where a Lambda permission of its stack names the platform API', async () => {
    expect(routes.filter((r) => r.routeKey !== 'GET /balances').map((r) => iam.apiRouteRefusal(r))).toEqual([undefined, undefined, undefined]);
    const res = await call('GET', '/balances', await customerToken());
    expect(res.status).toBe(500);
    expect(invoked).toEqual([]);
  });
});

describe("what a context's route on the platform's API cannot be: a startup error", () => {
  it('a route whose imported authorizer id names no authorizer of the assembly', () => {
    const stacks = fixtureStacksWith(PLATFORM, (t) => (t.Outputs!.ExportAuthorizerId!.Value = 'not-an-authorizer'));
    expect(() => served(stacks)).toThrow(`${ORDERS}/PlaceOrderRoute8B9C0D1E: route POST /orders names authorizer not-an-authorizer, which is not a JWT authorizer of the assembly`);
  });

  it('a route key another stack already has', () => {
    const stacks = fixtureStacksWith(BANK, (t) => (t.Resources.BalancesRoute0E1F2A3B!.Properties!.RouteKey = 'POST /orders'));
    expect(() => served(stacks)).toThrow(`${BANK}/BalancesRoute0E1F2A3B: route POST /orders is already defined by ${ORDERS}/PlaceOrderRoute8B9C0D1E`);
  });

  it('a second HTTP API, whose routes the one local API would serve as its own', () => {
    const stacks = fixtureStacksWith(BANK, (t) => (t.Resources.BankApi = { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP' } }));
    expect(() => served(stacks)).toThrow(`the local runtime serves one HTTP API; the assembly has 2: ${PLATFORM}/HttpApiF5A9A8A7, ${BANK}/BankApi`);
  });
});
