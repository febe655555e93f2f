import type { TemplateResource } from '../../../local/template/cloud-assembly';
import { readHttpApi } from '../../../local/http-api/template-routes';
import { IntrinsicResolver, type PhysicalResource, type Pseudo } from '../../../local/template/intrinsics';
import { localIssuerOf } from '../../../local/oidc/issuers';
import { physicalResource } from '../../../local/template/physical-resources';
import { resourceProps, templateResources } from '../../../local/template/stack-resource';

const pseudo: Pseudo = { region: 'us-east-1', accountId: '000000000000', stackName: 'Orderline-dev', partition: 'aws', urlSuffix: 'amazonaws.com' };
const EDGE = 'http://127.0.0.1:4599';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:Orderline-dev-Fn';

/** A route as CDK synthesizes it, with its Lambda proxy integration. */
function route(id: string, routeKey: string, auth: Record<string, unknown> = { AuthorizationType: 'NONE' }): Record<string, TemplateResource> {
  return {
    [id]: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'HttpApi' }, RouteKey: routeKey, Target: { 'Fn::Join': ['', ['integrations/', { Ref: `${id}Integration` }]] }, ...auth } },
    [`${id}Integration`]: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: { ApiId: { Ref: 'HttpApi' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['Fn', 'Arn'] }, PayloadFormatVersion: '2.0' },
    },
  };
}

const cognitoJoinIssuer = { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: 'UserPool' }]] };
const jwtRoute = (scopes?: string[]) => ({ AuthorizationType: 'JWT', AuthorizerId: { Ref: 'Authorizer' }, ...(scopes ? { AuthorizationScopes: scopes } : {}) });

function template(issuer: unknown, audience: unknown, stage: Record<string, unknown> = {}): Record<string, TemplateResource> {
  return {
    Fn: { Type: 'AWS::Lambda::Function' },
    HttpApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP' } },
    UserPool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
    UserPoolClient: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'UserPool' } } },
    AccessLogs: { Type: 'AWS::Logs::LogGroup' },
    Authorizer: {
      Type: 'AWS::ApiGatewayV2::Authorizer',
      Properties: { ApiId: { Ref: 'HttpApi' }, AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'], JwtConfiguration: { Audience: [audience], Issuer: issuer }, Name: 'orderline-users' },
    },
    Stage: {
      Type: 'AWS::ApiGatewayV2::Stage',
      Properties: { ApiId: { Ref: 'HttpApi' }, StageName: '$default', AutoDeploy: true, AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': ['AccessLogs', 'Arn'] }, Format: '$context.requestId' }, ...stage },
    },
    ...route('Health', 'GET /health'),
    ...route('CreateOrder', 'POST /orders', jwtRoute()),
    ...route('ListOrders', 'GET /orders', jwtRoute(['orders/read'])),
  };
}

function read(resources: Record<string, TemplateResource>) {
  const physical = new Map<string, PhysicalResource>();
  for (const [id, r] of Object.entries(resources)) {
    const p = physicalResource(id, r, pseudo, { apiUrl: 'http://127.0.0.1:3000', edgeUrl: EDGE });
    if (p) physical.set(id, p);
  }
  const resolver = new IntrinsicResolver(pseudo, resources, (id) => physical.get(id));
  const stackResources = templateResources(pseudo.stackName, resources, (id) => physical.get(id), (value, path) => resolver.resolve(value, path));
  const result = readHttpApi({
    resources: stackResources,
    props: resourceProps,
    functionNameByArn: (arn) => (arn === FUNCTION_ARN ? 'Orderline-dev-Fn' : undefined),
    localIssuer: localIssuerOf(stackResources, pseudo.region),
  });
  return { ...result, pool: physical.get('UserPool')!, client: physical.get('UserPoolClient')! };
}

describe('the HTTP API read from the template', () => {
  it("points a Cognito issuer joined as AWS writes it at the pool's local issuer on the edge, with the client as audience", () => {
    const { authorizers, pool, client } = read(template(cognitoJoinIssuer, { Ref: 'UserPoolClient' }));
    expect(authorizers).toEqual([
      { id: 'Orderline-dev-Authorizer', name: 'orderline-users', issuer: `${EDGE}/${pool.ref}`, audiences: [client.ref], identitySource: ['$request.header.Authorization'] },
    ]);
  });

  it('takes the GetAtt ProviderURL form of the issuer to the same place', () => {
    const { authorizers, pool } = read(template({ 'Fn::GetAtt': ['UserPool', 'ProviderURL'] }, { Ref: 'UserPoolClient' }));
    expect(authorizers[0]?.issuer).toBe(pool.attributes.ProviderURL);
  });

  it('keeps a literal external issuer and audience as they are', () => {
    const { authorizers } = read(template('https://login.example.com/', 'orderline-api'));
    expect(authorizers[0]).toMatchObject({ issuer: 'https://login.example.com/', audiences: ['orderline-api'] });
  });

  it('gives each route its authorization: none, or the JWT authorizer with the route scopes', () => {
    const { routes, authorizers } = read(template(cognitoJoinIssuer, { Ref: 'UserPoolClient' }));
    const byKey = Object.fromEntries(routes.map((r) => [r.routeKey, r]));
    expect(byKey['GET /health']?.auth).toEqual({ type: 'NONE' });
    expect(byKey['POST /orders']?.auth).toEqual({ type: 'JWT', authorizer: authorizers[0], scopes: [] });
    expect(byKey['GET /orders']?.auth).toEqual({ type: 'JWT', authorizer: authorizers[0], scopes: ['orders/read'] });
    expect(routes.every((r) => r.functionName === 'Orderline-dev-Fn')).toBe(true);
  });

  it("throttles every route with the stage's defaults, and a route with its own settings by those", () => {
    const stage = {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      RouteSettings: { 'POST /orders': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 }, 'GET /orders': { ThrottlingBurstLimit: 20 } },
    };
    const throttles = Object.fromEntries(read(template(cognitoJoinIssuer, { Ref: 'UserPoolClient' }, stage)).routes.map((r) => [r.routeKey, r.throttle]));
    expect(throttles).toEqual({
      'GET /health': { rateLimit: 50, burstLimit: 100 },
      'POST /orders': { rateLimit: 5, burstLimit: 10 },
      'GET /orders': { rateLimit: 50, burstLimit: 20 },
    });
  });

  it('leaves routes unthrottled when the stage sets no throttle', () => {
    expect(read(template(cognitoJoinIssuer, { Ref: 'UserPoolClient' })).routes.map((r) => r.throttle)).toEqual([undefined, undefined, undefined]);
  });

  it('refuses at startup what it cannot enforce, rather than serving a route more openly than AWS', () => {
    const lambdaAuthorizer = template(cognitoJoinIssuer, { Ref: 'UserPoolClient' });
    lambdaAuthorizer.Authorizer!.Properties!.AuthorizerType = 'REQUEST';
    expect(() => read(lambdaAuthorizer)).toThrow(/JWT authorizers only, not REQUEST/);

    const iamRoute = { ...template(cognitoJoinIssuer, { Ref: 'UserPoolClient' }), ...route('Stats', 'GET /stats', { AuthorizationType: 'AWS_IAM' }) };
    expect(() => read(iamRoute)).toThrow(/GET \/stats uses AWS_IAM authorization/);

    const querySource = template(cognitoJoinIssuer, { Ref: 'UserPoolClient' });
    querySource.Authorizer!.Properties!.IdentitySource = ['$request.querystring.token'];
    expect(() => read(querySource)).toThrow(/identity sources from request headers only/);
  });
});
