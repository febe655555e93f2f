import type { TemplateResource } from '../../../../local/template/cloud-assembly';
import { TaskAccessDenied } from '../../../../local/iam';
import { localIamOf, signedBy } from './local-iam-of';

const role = (extra: Record<string, unknown> = {}): TemplateResource => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, ...extra },
});
const fn = (roleId: string): TemplateResource => ({ Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': [roleId, 'Arn'] } } });
const table: TemplateResource = {
  Type: 'AWS::DynamoDB::Table',
  Properties: { KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], StreamSpecification: { StreamViewType: 'NEW_IMAGE' } },
};
const tableArn = { 'Fn::GetAtt': ['Table', 'Arn'] };

function setUp(resources: Record<string, TemplateResource>) {
  const local = localIamOf({ Table: table, ...resources });
  const keys = new Map(
    Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([id]) => [id, local.iam.addFunction({ name: local.physical.get(id)!.ref, arn: local.physical.get(id)!.attributes.Arn!, roleArn: String(local.props(id).Role) })]),
  );
  const call = (functionId: string, operation: string, body: Record<string, unknown> = { TableName: 'Orderline-test-Table', Key: { pk: { S: 'a' } } }) =>
    local.iam.guardCall(signedBy(keys.get(functionId)!, `DynamoDB_20120810.${operation}`), body) === undefined ? 'allowed' : 'denied';
  return { ...local, call };
}

describe('reading the template\'s identity-based policies', () => {
  it('attaches AWS::IAM::Policy, inline Policies and the template\'s own managed policies to their roles', () => {
    const { call, iam } = setUp({
      Role: role({
        Policies: [{ PolicyName: 'inline', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: tableArn }] } }],
        ManagedPolicyArns: [{ Ref: 'Managed' }],
      }),
      Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: [{ Ref: 'Role' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: tableArn }] } } },
      Managed: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'dynamodb:DeleteItem', Resource: tableArn }] } } },
      Fn: fn('Role'),
    });
    expect(['GetItem', 'PutItem', 'DeleteItem', 'UpdateItem'].map((op) => call('Fn', op))).toEqual(['allowed', 'allowed', 'allowed', 'denied']);
    expect(iam.summary).toMatchObject({ roles: 1, policies: 3, statements: 3, warnings: [] });
  });

  it('knows the common AWS managed policies of Lambda roles; any other grants nothing, with a warning', () => {
    const { call, iam } = setUp({
      Role: role({ ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole', 'arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess'] }),
      Fn: fn('Role'),
    });
    expect(call('Fn', 'DescribeStream', { StreamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/Orderline-test-Table/stream/x' })).toBe('allowed');
    expect(call('Fn', 'GetItem')).toBe('denied');
    expect(iam.summary.warnings).toEqual(['role Role has managed policy arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess, whose content is not in the assembly: it grants nothing locally']);
  });

  it('warns once per statement it cannot evaluate, which fails closed: an Allow grants nothing, a Deny denies', () => {
    const { call, iam, log } = setUp({
      Role: role(),
      Policy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'p',
          Roles: [{ Ref: 'Role' }],
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: 'dynamodb:*', Resource: tableArn },
              { Sid: 'OnlyFromTheVpc', Effect: 'Allow', Action: 'dynamodb:Scan', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } },
              { Sid: 'Tagged', Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/keep': 'true' } } },
              { Sid: 'Elsewhere', Effect: 'Deny', Action: 'dynamodb:UpdateItem', Resource: { 'Fn::GetAtt': ['Bucket', 'Arn'] } },
            ],
          },
        },
      },
      Fn: fn('Role'),
    });
    expect(['GetItem', 'DeleteItem', 'UpdateItem'].map((op) => call('Fn', op))).toEqual(['allowed', 'denied', 'denied']);
    expect(iam.summary.warnings).toEqual([
      'Policy statement OnlyFromTheVpc uses the condition key aws:SourceVpce, which the local runtime cannot evaluate: as an Allow it grants nothing here',
      'Policy statement Tagged uses the condition key aws:ResourceTag/keep, which the local runtime cannot evaluate: as a Deny it denies whatever it covers here',
      expect.stringMatching(/^Policy statement Elsewhere uses a value the local runtime cannot resolve \(.*Bucket.*\), which the local runtime cannot evaluate: as a Deny it denies whatever it covers here$/),
    ]);
    expect(log.filter((l) => l.startsWith('iam: warning:'))).toHaveLength(3);
    expect(log.at(-1)).toMatch(/may not dynamodb:UpdateItem .*explicitly denied by Policy statement Elsewhere \(unevaluable here: /);
  });

  it('a function whose role is not in the template is granted nothing', () => {
    const { iam, physical, log } = localIamOf({ Table: table, Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: 'arn:aws:iam::000000000000:role/made-elsewhere' } } });
    const key = iam.addFunction({ name: physical.get('Fn')!.ref, arn: physical.get('Fn')!.attributes.Arn!, roleArn: 'arn:aws:iam::000000000000:role/made-elsewhere' });
    expect(iam.guardCall(signedBy(key, 'DynamoDB_20120810.GetItem'), { TableName: 'Orderline-test-Table', Key: { pk: { S: 'a' } } })).toMatchObject({ status: 400 });
    expect(log).toContain('iam: warning: function Orderline-test-Fn uses role arn:aws:iam::000000000000:role/made-elsewhere, which is not a role of any stack of the assembly: nothing grants it anything locally');
  });
});

describe('services acting with a role or on a resource-based permission', () => {
  const machineRole = role({ AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }] } });
  const { iam, physical } = setUp({
    MachineRole: machineRole,
    MachinePolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: { PolicyName: 'm', Roles: [{ Ref: 'MachineRole' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [{ 'Fn::GetAtt': ['Step', 'Arn'] }] }] } },
    },
    Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: { 'Fn::GetAtt': ['MachineRole', 'Arn'] } } },
    FnRole: role(),
    Step: fn('FnRole'),
    Other: fn('FnRole'),
    Api: { Type: 'AWS::ApiGatewayV2::Api' },
    Rule: { Type: 'AWS::Events::Rule' },
    ApiPermission: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': ['Step', 'Arn'] },
        Principal: 'apigateway.amazonaws.com',
        SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', { Ref: 'Api' }, '/*/*/orders/{id}']] },
      },
    },
    RulePermission: {
      Type: 'AWS::Lambda::Permission',
      Properties: { Action: 'lambda:InvokeFunction', FunctionName: { 'Fn::GetAtt': ['Other', 'Arn'] }, Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': ['Rule', 'Arn'] } },
    },
  });
  const arn = (id: string) => physical.get(id)!.attributes.Arn!;
  iam.addStateMachine(arn('Machine'), arn('MachineRole'));
  const task = { stateMachineArn: arn('Machine'), executionArn: 'arn:aws:states:us-east-1:000000000000:execution:Orderline-test-Machine:order-1' };

  it('a state machine\'s Task fails with Lambda.AWSLambdaException when its role may not invoke the function', () => {
    expect(() => iam.assertTaskMayInvoke(task, arn('Step'))).not.toThrow();
    const error = (() => {
      try {
        iam.assertTaskMayInvoke(task, arn('Other'));
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TaskAccessDenied);
    expect(error?.name).toBe('Lambda.AWSLambdaException');
    expect(error?.message).toMatch(
      new RegExp(
        `^User: arn:aws:sts::000000000000:assumed-role/Orderline-test-MachineRole/[A-Za-z]{32} is not authorized to perform: lambda:InvokeFunction on resource: ${arn('Other')} because no identity-based policy allows the lambda:InvokeFunction action \\(Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: [-0-9a-f]+; Proxy: null\\)$`,
      ),
    );
  });

  it('API Gateway may invoke a function only for the routes its Lambda permission names', () => {
    const route = (routeKey: string, functionName: string) => ({ routeKey, functionName, sourceArn: `arn:aws:execute-api:us-east-1:000000000000:${physical.get('Api')!.ref}/$default/${routeKey.replace(' /', '/')}` });
    expect(iam.apiRouteRefusal(route('GET /orders/{id}', 'Orderline-test-Step'))).toBeUndefined();
    expect(iam.apiRouteRefusal(route('GET /orders', 'Orderline-test-Step'))).toMatch(/no resource-based policy \(AWS::Lambda::Permission\) of .*Orderline-test-Step allows apigateway.amazonaws.com/);
    expect(iam.apiRouteRefusal(route('GET /orders/{id}', 'Orderline-test-Other'))).toBeDefined();
  });

  it('EventBridge may invoke a function only for the rule its Lambda permission names', () => {
    expect(iam.ruleTargetRefusal({ name: 'Orderline-test-Rule', arn: arn('Rule') }, { Arn: arn('Other') }, 'e-1')).toBeUndefined();
    expect(iam.ruleTargetRefusal({ name: 'another', arn: 'arn:aws:events:us-east-1:000000000000:rule/another' }, { Arn: arn('Other') }, 'e-1')).toBeDefined();
    expect(iam.ruleTargetRefusal({ name: 'Orderline-test-Rule', arn: arn('Rule') }, { Arn: arn('Step') }, 'e-1')).toBeDefined();
  });

  it('a state machine target needs a RoleArn (AWS refuses the target otherwise) that may start it', () => {
    expect(() => iam.assertRuleTargets({ id: 'Rule', arn: arn('Rule') }, [{ Id: 'T', Arn: arn('Machine') }])).toThrow('Rule: target T starts state machine');
    const refusal = iam.ruleTargetRefusal({ name: 'r', arn: arn('Rule') }, { Arn: arn('Machine'), RoleArn: arn('FnRole') }, 'e-1');
    expect(refusal).toMatch(/^User: arn:aws:sts::000000000000:assumed-role\/Orderline-test-FnRole\/[A-Za-z]{32} is not authorized to perform: states:StartExecution on resource: /);
  });
});
