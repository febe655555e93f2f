import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { TemplateResource } from '../../../../local/template/cloud-assembly';
import { readHttpApi } from '../../../../local/http-api/template-routes';
import { DEFAULT_THROTTLE } from '../../../../lib/platform/http-api';
import { OrderlineStack } from '../../../../lib/orderline-stack';
import { stackContext } from '../../../../lib/platform/stack-context';
import { localIamOf, signedBy } from './local-iam-of';

/**
 * The stack's own template through the local IAM, nothing run: what AWS checks when it creates
 * resources (event source mappings, rule targets) and what every service invocation needs
 * (routes, rules, the saga's Tasks) must be granted. What each handler calls is proven by the
 * integration suite, which runs with IAM enforced.
 */
const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const resources = Template.fromStack(new OrderlineStack(app, 'Orderline-test', stackContext((key) => app.node.tryGetContext(key), DEFAULT_THROTTLE))).toJSON().Resources as Record<string, TemplateResource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type).map(([id]) => id);
const { iam, log, physical, props } = localIamOf(resources);
const functions = new Map(
  ofType('AWS::Lambda::Function').map((id) => {
    const { ref: name, attributes } = physical.get(id)!;
    const accessKeyId = iam.addFunction({ name, arn: attributes.Arn!, roleArn: String(props(id).Role) });
    return [id, { name, arn: attributes.Arn!, accessKeyId }];
  }),
);
const fn = (prefix: string) => [...functions].find(([id]) => id.startsWith(prefix))?.[1] ?? (() => { throw new Error(`no function ${prefix}`); })();
const tableArn = (prefix: string) => physical.get(ofType('AWS::DynamoDB::Table').find((id) => id.startsWith(prefix))!)!.attributes.Arn!;

describe('the stack\'s grants, as the local IAM reads them', () => {
  it('loads every role\'s policies, and nothing it cannot evaluate', () => {
    expect(iam.summary.roles).toBe(ofType('AWS::IAM::Role').length);
    expect(iam.summary.policies).toBeGreaterThanOrEqual(ofType('AWS::IAM::Policy').length);
    expect(iam.summary.warnings).toEqual([]);
    expect(log.filter((line) => line.includes('warning'))).toEqual([]);
  });

  it('lets each event source mapping\'s function read its source and send to its failure destination', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping');
    expect(mappings.length).toBeGreaterThan(0);
    for (const id of mappings) {
      const p = props(id);
      const functionName = String(p.FunctionName).split(':').at(-1)!;
      const destination = (p.DestinationConfig as { OnFailure?: { Destination?: string } } | undefined)?.OnFailure?.Destination;
      expect(() => iam.assertEventSourceMapping({ id, functionName, eventSourceArn: String(p.EventSourceArn), ...(destination ? { onFailureDestinationArn: destination } : {}) })).not.toThrow();
    }
  });

  it('lets the saga\'s role invoke every function its Tasks run', () => {
    for (const id of ofType('AWS::StepFunctions::StateMachine')) {
      const p = props(id);
      const arn = physical.get(id)!.attributes.Arn!;
      iam.addStateMachine(arn, String(p.RoleArn));
      const invoked = [...functions.values()].filter((f) => String(p.DefinitionString).includes(`"${f.arn}"`));
      expect(invoked.length).toBeGreaterThan(0);
      for (const f of invoked) expect(() => iam.assertTaskMayInvoke({ stateMachineArn: arn, executionArn: `${arn.replace(':stateMachine:', ':execution:')}:x` }, f.arn)).not.toThrow();
    }
  });

  it('lets API Gateway invoke every route\'s function, and EventBridge every rule\'s target', () => {
    const { routes } = readHttpApi({
      resources,
      props: (_r, id) => props(id),
      functionNameByArn: (arn) => [...functions.values()].find((f) => f.arn === arn)?.name,
      account: { partition: 'aws', region: 'us-east-1', accountId: '000000000000' },
    });
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect([route.routeKey, iam.apiRouteRefusal(route)]).toEqual([route.routeKey, undefined]);
    for (const id of ofType('AWS::Events::Rule')) {
      const rule = { name: physical.get(id)!.ref, arn: physical.get(id)!.attributes.Arn! };
      for (const target of (props(id).Targets ?? []) as { Arn: string; RoleArn?: string }[]) expect(iam.ruleTargetRefusal(rule, target, 'event-1')).toBeUndefined();
    }
  });

  it('gives CreateOrder what appending needs and no more (a sample of least privilege)', () => {
    const createOrder = fn('HttpCreateOrder');
    const call = (target: string, body: unknown) => iam.guardCall(signedBy(createOrder.accessKeyId, target), body);
    const events = tableArn('EventStoreEvents');
    expect(call('DynamoDB_20120810.Query', { TableName: events.split('/')[1], KeyConditionExpression: 'streamId = :s', ExpressionAttributeValues: { ':s': { S: 'order#1' } } })).toBeUndefined();
    expect(call('DynamoDB_20120810.PutItem', { TableName: events.split('/')[1], Item: { streamId: { S: 'order#1' } } })).toBeUndefined();
    expect(call('DynamoDB_20120810.DeleteItem', { TableName: events.split('/')[1], Key: { streamId: { S: 'order#1' } } })).toMatchObject({ status: 400, body: { __type: 'com.amazon.coral.service#AccessDeniedException' } });
    expect(call('DynamoDB_20120810.Scan', { TableName: tableArn('ReadModelsOrders').split('/')[1] })).toMatchObject({ status: 400 });
  });
});

describe('what AWS refuses at creation, refused at startup', () => {
  it('an event source mapping whose function may not read the stream: an error naming the mapping, the role and the action', () => {
    const stripped = structuredClone(resources);
    const policyId = ofType('AWS::IAM::Policy').find((id) => id.startsWith('ReadModelsProjectOrdersRole'))!;
    const document = stripped[policyId]!.Properties!.PolicyDocument as { Statement: { Action: string | string[] }[] };
    for (const s of document.Statement) if (Array.isArray(s.Action)) s.Action = s.Action.filter((a) => a !== 'dynamodb:GetRecords');
    const local = localIamOf(stripped);
    const functionId = ofType('AWS::Lambda::Function').find((id) => id.startsWith('ReadModelsProjectOrders'))!;
    const { ref: name, attributes } = local.physical.get(functionId)!;
    local.iam.addFunction({ name, arn: attributes.Arn!, roleArn: String(local.props(functionId).Role) });
    const mapping = ofType('AWS::Lambda::EventSourceMapping').find((id) => id.startsWith('ReadModelsProjectOrders'))!;
    const stream = String(local.props(mapping).EventSourceArn);
    const roleName = String(local.props(functionId).Role).split('/').at(-1);
    expect(() => local.iam.assertEventSourceMapping({ id: mapping, functionName: name, eventSourceArn: stream })).toThrow(
      `${mapping}: AWS refuses this event source mapping: the role ${roleName} of ${name} lacks dynamodb:GetRecords on ${stream}`,
    );
  });
});
