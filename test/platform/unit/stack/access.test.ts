import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DEFAULT_THROTTLE } from '../../../../lib/platform/http-api';
import { OrderlineStack } from '../../../../lib/orderline-stack';
import { stackContext } from '../../../../lib/platform/stack-context';

/** Bundling is skipped here; `npm start` covers the real synth. */
function synth(context: Record<string, string> = {}): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const settings = stackContext((key) => app.node.tryGetContext(key), DEFAULT_THROTTLE);
  return Template.fromStack(new OrderlineStack(app, 'Orderline-test', settings));
}

const template = synth();
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const statements = (policy: Record<string, any>): Statement[] => policy.Properties.PolicyDocument.Statement;
const actions = (statement: Statement) => [statement.Action].flat();

describe('identity and access in the stack', () => {
  it('puts the JWT authorizer on every route but GET /health', () => {
    const [authorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IdentityUsers'), 'ProviderURL'] }, Audience: [{ Ref: Match.stringLikeRegexp('^IdentityApiClient') }] },
    });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    expect(routes.length).toBe(32);
    for (const route of routes) {
      if (route.RouteKey === 'GET /health') expect(route.AuthorizationType).toBe('NONE');
      else expect(route).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    }
  });

  it('creates a Cognito user pool with an app client and an admin group by default', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admin' });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false });
    template.hasResourceProperties('AWS::Cognito::UserPool', { Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12 }) } });
  });

  it('trusts another OIDC issuer instead, from context, with no user pool', () => {
    const other = synth({ jwtIssuer: 'https://login.example.com/', jwtAudience: 'orderline-api,orderline-web' });
    other.resourceCountIs('AWS::Cognito::UserPool', 0);
    other.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Issuer: 'https://login.example.com/', Audience: ['orderline-api', 'orderline-web'] },
    });
  });

  it('throttles the stage (defaults, or context) and keeps an access log', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.stringLikeRegexp('requestId') },
    });
    synth({ throttleRate: '20', throttleBurst: '40' }).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
    expect(() => synth({ throttleRate: 'lots' })).toThrow(/throttleRate must be a whole number/);
  });

  it('keeps the events table append-only: no role may update, delete, batch-write or scan it', () => {
    const [eventsTable] = Object.keys(template.findResources('AWS::DynamoDB::Table', { Properties: { StreamSpecification: Match.anyValue() } }));
    let appenders = 0;
    for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
      for (const statement of statements(policy)) {
        if (!JSON.stringify(statement.Resource).includes(`"${eventsTable}"`)) continue;
        const granted = actions(statement);
        if (granted.includes('dynamodb:PutItem')) appenders += 1;
        for (const forbidden of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:Scan', 'dynamodb:*']) expect(granted).not.toContain(forbidden);
      }
    }
    expect(appenders).toBeGreaterThan(10);
  });

  it('lets only the HTTP commands use the idempotency table, and only PlaceOrder and ChargePayment touch payment tokens', () => {
    const tables = template.findResources('AWS::DynamoDB::Table');
    const tableId = (key: string) => Object.keys(tables).find((id) => tables[id]?.Properties.KeySchema[0].AttributeName === key)!;
    const rolesOn = (table: string) =>
      Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((policy) => statements(policy).some((s) => JSON.stringify(s.Resource).includes(`"${table}"`)))
        .map((policy) => ({ role: String(policy.Properties.Roles[0].Ref), actions: statements(policy).filter((s) => JSON.stringify(s.Resource).includes(`"${table}"`)).flatMap(actions) }));
    const idempotency = rolesOn(tableId('key'));
    expect(idempotency.map((r) => r.role.replace(/^Http(.+)Role[0-9A-F]{8}$/, '$1')).sort()).toEqual(
      ['AddProduct', 'Restock', 'CreateOrder', 'AddItem', 'RemoveItem', 'PlaceOrder', 'CancelOrder', 'ShipOrder', 'DeliverOrder', 'OpenAccount', 'Deposit', 'Withdraw', 'CloseAccount', 'RequestTransfer'].sort(),
    );
    const tokens = rolesOn(tableId('ref'));
    expect(tokens).toEqual(
      expect.arrayContaining([
        { role: expect.stringMatching(/^HttpPlaceOrderRole/), actions: ['dynamodb:PutItem'] },
        { role: expect.stringMatching(/^OrderSagaChargePaymentFunctionRole/), actions: ['dynamodb:UpdateItem'] },
      ]),
    );
    expect(tokens).toHaveLength(2);
  });

  it('gives no function the managed basic execution role: each writes its own log group only', () => {
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});
