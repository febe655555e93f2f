import type { TemplateResource } from '../../../local/template/cloud-assembly';
import type { Pseudo } from '../../../local/template/intrinsics';
import { physicalResource, unsupportedResources } from '../../../local/template/physical-resources';

const pseudo: Pseudo = { region: 'us-east-1', accountId: '000000000000', stackName: 'Orderline-dev', partition: 'aws', urlSuffix: 'amazonaws.com' };
const endpoints = { apiUrl: 'http://127.0.0.1:3000', edgeUrl: 'http://127.0.0.1:4599' };
const resources: Record<string, TemplateResource> = {
  UserPool6BA7E5F2: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'orderline-users', SignInAliases: { email: true } } },
  UserPoolAppClient: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'UserPool6BA7E5F2' }, ClientName: 'web' } },
  AdminGroup: { Type: 'AWS::Cognito::UserPoolGroup', Properties: { GroupName: 'admin', UserPoolId: { Ref: 'UserPool6BA7E5F2' } } },
  HttpApiUserPoolAuthorizer: { Type: 'AWS::ApiGatewayV2::Authorizer', Properties: { ApiId: { Ref: 'HttpApi' }, AuthorizerType: 'JWT' } },
  AccessLogs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
  Domain: { Type: 'AWS::Cognito::UserPoolDomain', Properties: { Domain: 'orderline-dev', UserPoolId: { Ref: 'UserPool6BA7E5F2' } } },
};
const physical = (id: string) => physicalResource(id, resources[id]!, pseudo, endpoints);

describe('local physical resources for identity', () => {
  it('gives a user pool an id of AWS shape, the same on every run, with its issuer on the edge', () => {
    const pool = physical('UserPool6BA7E5F2');
    expect(pool?.ref).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    expect(physical('UserPool6BA7E5F2')).toEqual(pool);
    const poolId = pool!.ref;
    expect(pool?.attributes).toEqual({
      Arn: `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${poolId}`,
      UserPoolId: poolId,
      ProviderName: `127.0.0.1:4599/${poolId}`,
      ProviderURL: `http://127.0.0.1:4599/${poolId}`,
    });
  });

  it('tells pools of different stacks or logical ids apart', () => {
    const other = physicalResource('UserPool6BA7E5F2', resources.UserPool6BA7E5F2!, { ...pseudo, stackName: 'Orderline-prod' }, endpoints);
    expect(other?.ref).not.toBe(physical('UserPool6BA7E5F2')?.ref);
    expect(physicalResource('OtherPool', resources.UserPool6BA7E5F2!, pseudo, endpoints)?.ref).not.toBe(physical('UserPool6BA7E5F2')?.ref);
  });

  it('gives an app client a 26-character lowercase id, the same on every run', () => {
    const client = physical('UserPoolAppClient');
    expect(client?.ref).toMatch(/^[a-z0-9]{26}$/);
    expect(physical('UserPoolAppClient')?.ref).toBe(client?.ref);
    expect(client?.attributes).toEqual({ ClientId: client?.ref, Name: 'web' });
  });

  it('names a group by its GroupName and an authorizer by its stack and logical id (routes of other stacks name it by that id)', () => {
    expect(physical('AdminGroup')?.ref).toBe('admin');
    expect(physical('HttpApiUserPoolAuthorizer')).toEqual({ ref: 'Orderline-dev-HttpApiUserPoolAuthorizer', attributes: { AuthorizerId: 'Orderline-dev-HttpApiUserPoolAuthorizer' } });
  });

  it('runs Cognito and the authorizer, and lets access logs and the hosted UI domain be (they only matter in AWS)', () => {
    expect(unsupportedResources(resources)).toEqual([]);
    expect(physical('AccessLogs')?.attributes.Arn).toBe('arn:aws:logs:us-east-1:000000000000:log-group:Orderline-dev-AccessLogs:*');
    expect(unsupportedResources({ Pool: { Type: 'AWS::Cognito::IdentityPool' } })).toEqual(['Pool (AWS::Cognito::IdentityPool)']);
  });
});

describe('local physical resources for monitoring', () => {
  const monitoring: Record<string, TemplateResource> = {
    AlarmTopic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'Orderline dev alarms' } },
    AlarmTopicPolicy: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'AlarmTopic' }] } },
    AlarmMail: { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'email', TopicArn: { Ref: 'AlarmTopic' } } },
    DeadLetters: { Type: 'AWS::CloudWatch::Alarm', Properties: { AlarmName: 'Orderline-dev dead letters', AlarmActions: [{ Ref: 'AlarmTopic' }] } },
    Dashboard: { Type: 'AWS::CloudWatch::Dashboard', Properties: { DashboardName: 'Orderline-dev' } },
  };
  const of = (id: string) => physicalResource(id, monitoring[id]!, pseudo, endpoints);

  it('lets alarms, their topic and the dashboard be (they read CloudWatch metrics, which only AWS has), with names that resolve', () => {
    expect(unsupportedResources(monitoring)).toEqual([]);
    expect(of('AlarmTopic')).toEqual({
      ref: 'arn:aws:sns:us-east-1:000000000000:Orderline-dev-AlarmTopic',
      attributes: { TopicArn: 'arn:aws:sns:us-east-1:000000000000:Orderline-dev-AlarmTopic', TopicName: 'Orderline-dev-AlarmTopic' },
    });
    expect(of('DeadLetters')).toEqual({ ref: 'Orderline-dev dead letters', attributes: { Arn: 'arn:aws:cloudwatch:us-east-1:000000000000:alarm:Orderline-dev dead letters' } });
    expect(of('Dashboard')?.ref).toBe('Orderline-dev');
    expect(of('AlarmMail')?.ref).toBe('AlarmMail');
  });
});
