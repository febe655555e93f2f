import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthTemplates } from '../../../support/app';

const synth = (context: Record<string, string> = {}): Template => synthTemplates(context).template('Platform');
const all = synthTemplates();
const template = all.template('Platform');
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const statements = (policy: Record<string, any>): Statement[] => policy.Properties.PolicyDocument.Statement;
const actions = (statement: Statement) => [statement.Action].flat();

describe('identity and access in the stack', () => {
  it('has one JWT authorizer, trusting the Cognito user pool for its app client', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IdentityUsers'), 'ProviderURL'] }, Audience: [{ Ref: Match.stringLikeRegexp('^IdentityApiClient') }] },
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
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

  it("keeps every context's events table append-only: no role may update, delete, batch-write or scan it", () => {
    for (const context of all.contexts) {
      const template = all.template(context.stackName.split('-').at(-1)!);
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
      expect([context.stackName, appenders > 5]).toEqual([context.stackName, true]);
    }
  });

  it('gives no function the managed basic execution role: each writes its own log group only', () => {
    for (const template of all.templates) for (const role of Object.values(template.findResources('AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});
