import type { TemplateResource } from './cloud-assembly';
import type { PhysicalResource, Pseudo } from './intrinsics';
import { localUserPoolClientId, localUserPoolId } from '../oidc/cognito-ids';

/** Where the local system listens, for values that point at it (API endpoint, queue URLs). */
export type LocalEndpoints = { apiUrl: string; edgeUrl: string };

/**
 * The local physical name of each resource and its attributes, as CloudFormation would report
 * them: Ref and GetAtt values that handlers and the state machine see. Stream ARNs come from
 * DynamoDB Local once the tables exist, so they are filled in later.
 */
export function physicalResource(
  logicalId: string,
  resource: TemplateResource,
  pseudo: Pseudo,
  endpoints: LocalEndpoints,
): PhysicalResource | undefined {
  const { region, accountId, stackName } = pseudo;
  const name = `${stackName}-${logicalId}`;
  switch (resource.Type) {
    case 'AWS::DynamoDB::Table': {
      const tableName = typeof resource.Properties?.TableName === 'string' ? resource.Properties.TableName : name;
      return { ref: tableName, attributes: { Arn: `arn:aws:dynamodb:${region}:${accountId}:table/${tableName}` } };
    }
    case 'AWS::Lambda::Function':
      return { ref: name, attributes: { Arn: `arn:aws:lambda:${region}:${accountId}:function:${name}` } };
    case 'AWS::SQS::Queue': {
      const url = `${endpoints.edgeUrl}/${accountId}/${name}`;
      return { ref: url, attributes: { Arn: `arn:aws:sqs:${region}:${accountId}:${name}`, QueueName: name, QueueUrl: url } };
    }
    case 'AWS::StepFunctions::StateMachine': {
      const machineName = typeof resource.Properties?.StateMachineName === 'string' ? resource.Properties.StateMachineName : name;
      const arn = `arn:aws:states:${region}:${accountId}:stateMachine:${machineName}`;
      return { ref: arn, attributes: { Arn: arn, Name: machineName } };
    }
    case 'AWS::Events::EventBus': {
      const busName = String(resource.Properties?.Name ?? name);
      return { ref: busName, attributes: { Arn: `arn:aws:events:${region}:${accountId}:event-bus/${busName}`, Name: busName } };
    }
    case 'AWS::Events::Rule': {
      const ruleName = typeof resource.Properties?.Name === 'string' ? resource.Properties.Name : name;
      return { ref: ruleName, attributes: { Arn: `arn:aws:events:${region}:${accountId}:rule/${ruleName}` } };
    }
    case 'AWS::IAM::Role': {
      const roleName = typeof resource.Properties?.RoleName === 'string' ? resource.Properties.RoleName : name;
      return { ref: roleName, attributes: { Arn: `arn:aws:iam::${accountId}:role/${roleName}`, RoleId: roleName } };
    }
    case 'AWS::IAM::ManagedPolicy': {
      const policyName = typeof resource.Properties?.ManagedPolicyName === 'string' ? resource.Properties.ManagedPolicyName : name;
      const arn = `arn:aws:iam::${accountId}:policy/${policyName}`;
      return { ref: arn, attributes: { PolicyArn: arn } };
    }
    // An API's parts are named by id from other stacks (a context's route on the platform's API,
    // with its authorizer), so their ids carry the stack's name, as every other name does.
    case 'AWS::ApiGatewayV2::Api':
      return { ref: name, attributes: { ApiEndpoint: endpoints.apiUrl, ApiId: name } };
    case 'AWS::ApiGatewayV2::Authorizer':
      return { ref: name, attributes: { AuthorizerId: name } };
    case 'AWS::ApiGatewayV2::Integration':
    case 'AWS::ApiGatewayV2::Route':
    case 'AWS::ApiGatewayV2::Stage':
      return { ref: name, attributes: {} };
    case 'AWS::Cognito::UserPool': {
      // The pool's issuer is on the edge, as the other endpoints are; the pool id keeps AWS's shape.
      const poolId = localUserPoolId(region, stackName, logicalId);
      const providerUrl = `${endpoints.edgeUrl}/${poolId}`;
      return {
        ref: poolId,
        attributes: {
          Arn: `arn:aws:cognito-idp:${region}:${accountId}:userpool/${poolId}`,
          UserPoolId: poolId,
          ProviderName: providerUrl.replace(/^https?:\/\//, ''),
          ProviderURL: providerUrl,
        },
      };
    }
    case 'AWS::Cognito::UserPoolClient': {
      const clientId = localUserPoolClientId(stackName, logicalId);
      const clientName = typeof resource.Properties?.ClientName === 'string' ? resource.Properties.ClientName : logicalId;
      return { ref: clientId, attributes: { ClientId: clientId, Name: clientName } };
    }
    case 'AWS::Cognito::UserPoolGroup':
      return { ref: typeof resource.Properties?.GroupName === 'string' ? resource.Properties.GroupName : logicalId, attributes: {} };
    case 'AWS::Cognito::UserPoolDomain':
      return { ref: typeof resource.Properties?.Domain === 'string' ? resource.Properties.Domain : logicalId, attributes: {} };
    case 'AWS::Logs::LogGroup': {
      const logGroupName = typeof resource.Properties?.LogGroupName === 'string' ? resource.Properties.LogGroupName : name;
      return { ref: logGroupName, attributes: { Arn: `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}:*` } };
    }
    case 'AWS::SNS::Topic': {
      const topicName = typeof resource.Properties?.TopicName === 'string' ? resource.Properties.TopicName : name;
      const arn = `arn:aws:sns:${region}:${accountId}:${topicName}`;
      return { ref: arn, attributes: { TopicArn: arn, TopicName: topicName } };
    }
    case 'AWS::CloudWatch::Alarm': {
      const alarmName = typeof resource.Properties?.AlarmName === 'string' ? resource.Properties.AlarmName : name;
      return { ref: alarmName, attributes: { Arn: `arn:aws:cloudwatch:${region}:${accountId}:alarm:${alarmName}` } };
    }
    case 'AWS::CloudWatch::Dashboard':
      return { ref: typeof resource.Properties?.DashboardName === 'string' ? resource.Properties.DashboardName : name, attributes: {} };
    case 'AWS::IAM::Policy':
    case 'AWS::SQS::QueuePolicy':
    case 'AWS::Lambda::Permission':
    case 'AWS::Lambda::EventSourceMapping':
    case 'AWS::SNS::Subscription':
    case 'AWS::SNS::TopicPolicy':
      return { ref: logicalId, attributes: {} };
    default:
      return undefined;
  }
}

/** Resource types the local runtime runs (the JWT authorizer and Cognito pools are enforced and issued locally). */
export const RUNNABLE_TYPES = new Set([
  'AWS::DynamoDB::Table',
  'AWS::Lambda::Function',
  'AWS::Lambda::EventSourceMapping',
  'AWS::SQS::Queue',
  'AWS::StepFunctions::StateMachine',
  'AWS::Events::EventBus',
  'AWS::Events::Rule',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::Cognito::UserPool',
  'AWS::Cognito::UserPoolClient',
  'AWS::Cognito::UserPoolGroup',
]);
/**
 * Types that only matter in AWS (access logs, the hosted UI's domain, queue policies, alarms), or that
 * the runtime enforces rather than runs (IAM roles and policies, Lambda permissions: see
 * `local/iam`): they get local names so that references to them resolve.
 */
export const AWS_ONLY_TYPES = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Lambda::Permission',
  'AWS::SQS::QueuePolicy',
  'AWS::CDK::Metadata',
  'AWS::Logs::LogGroup',
  'AWS::Cognito::UserPoolDomain',
  // Alarms, their topic and the dashboard read CloudWatch metrics, which only AWS has.
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'AWS::SNS::TopicPolicy',
  'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::Dashboard',
]);

/** Every resource the runtime can neither run nor safely ignore: a startup error, never a silent skip. */
export function unsupportedResources(resources: Record<string, TemplateResource>): string[] {
  return Object.entries(resources)
    .filter(([, r]) => !RUNNABLE_TYPES.has(r.Type) && !AWS_ONLY_TYPES.has(r.Type))
    .map(([id, r]) => `${id} (${r.Type})`);
}
