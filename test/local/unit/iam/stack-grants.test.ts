import { App } from 'aws-cdk-lib';
import { readHttpApi } from '../../../../local/http-api/template-routes';
import { readCloudAssembly, type AssemblyStack } from '../../../../local/template/cloud-assembly';
import { resourceProps, type StackResource } from '../../../../local/template/stack-resource';
import { startEventSourceMappings, type MappingWiring } from '../../../../local/wiring/event-source-mappings';
import { MAX_READERS_PER_STREAM } from '../../../../local/wiring/stream-readers';
import type { TemplateContext } from '../../../../local/wiring/template-context';
import { composeApp } from '../../../../bin/app';
import { ACCOUNT, localAssemblyOf } from '../assembly-of';
import { assemblyIamOf } from './assembly-iam-of';
import { signedBy } from './local-iam-of';
import { withoutValidation } from '../../../support/app';
import { scratchDir } from '../../../support/scratch';

/**
 * The app's own cloud assembly (every stack, synthesized without bundling) through the local IAM,
 * nothing run: what AWS checks when it creates resources (event source mappings, rule targets)
 * and what every service invocation needs (routes, rules, the saga's Tasks) must be granted,
 * whichever stacks the grant and the resource are in. What each handler calls is proven by the
 * integration suite, which runs with IAM enforced. The same assembly through the runtime's
 * other startup check of the app's shape: at most two readers per DynamoDB stream.
 */
function synthesizedStacks(): AssemblyStack[] {
  const app = new App({ outdir: scratchDir('cdk.out-'), context: { 'aws:cdk:bundling-stacks': [] } });
  composeApp(app);
  // Without the synthesis-time CloudFormation validation, as the other stack tests (app.test.ts runs it).
  return readCloudAssembly(withoutValidation(true, () => app.synth()).directory);
}

const stacks = synthesizedStacks();
const assembly = localAssemblyOf(stacks);
const ofType = (type: string) => assembly.ofType(type);
const { iam, log, addFunction } = assemblyIamOf(assembly);
const functions = ofType('AWS::Lambda::Function').map((r) => ({ ...addFunction(r), r }));
const fn = (prefix: string) => functions.find((f) => f.r.logicalId.startsWith(prefix)) ?? (() => { throw new Error(`no function ${prefix}`); })();
/** A table of the same stack as `of`, by logical id prefix (several stacks may each have their own `EventStoreEvents…`). */
const tableArn = (of: StackResource, prefix: string) => ofType('AWS::DynamoDB::Table').find((r) => r.stackName === of.stackName && r.logicalId.startsWith(prefix))!.physical!.attributes.Arn!;

describe("the app's grants, as the local IAM reads them", () => {
  it("loads every role's policies, and nothing it cannot evaluate", () => {
    expect(iam.summary.roles).toBe(ofType('AWS::IAM::Role').length);
    expect(iam.summary.policies).toBeGreaterThanOrEqual(ofType('AWS::IAM::Policy').length);
    expect(iam.summary.warnings).toEqual([]);
    expect(log.filter((line) => line.includes('warning'))).toEqual([]);
  });

  it("lets each event source mapping's function read its source and send to its failure destination", () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping');
    expect(mappings.length).toBeGreaterThan(0);
    for (const mapping of mappings) {
      const p = resourceProps(mapping);
      const functionName = String(p.FunctionName).split(':').at(-1)!;
      const destination = (p.DestinationConfig as { OnFailure?: { Destination?: string } } | undefined)?.OnFailure?.Destination;
      expect(() => iam.assertEventSourceMapping({ id: mapping.key, functionName, eventSourceArn: String(p.EventSourceArn), ...(destination ? { onFailureDestinationArn: destination } : {}) })).not.toThrow();
    }
  });

  it("lets the saga's role invoke every function its Tasks run", () => {
    for (const machine of ofType('AWS::StepFunctions::StateMachine')) {
      const p = resourceProps(machine);
      const arn = machine.physical!.attributes.Arn!;
      iam.addStateMachine(arn, String(p.RoleArn));
      const invoked = functions.filter((f) => String(p.DefinitionString).includes(`"${f.arn}"`));
      expect(invoked.length).toBeGreaterThan(0);
      for (const f of invoked) expect(() => iam.assertTaskMayInvoke({ stateMachineArn: arn, executionArn: `${arn.replace(':stateMachine:', ':execution:')}:x` }, f.arn)).not.toThrow();
    }
  });

  it("lets API Gateway invoke every route's function, and EventBridge every rule's target", () => {
    const { routes } = readHttpApi({
      resources: assembly.resources,
      props: resourceProps,
      functionNameByArn: (arn) => functions.find((f) => f.arn === arn)?.name,
      account: ACCOUNT,
    });
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect([route.routeKey, iam.apiRouteRefusal(route)]).toEqual([route.routeKey, undefined]);
    for (const r of ofType('AWS::Events::Rule')) {
      const rule = { name: r.physical!.ref, arn: r.physical!.attributes.Arn! };
      for (const target of (resourceProps(r).Targets ?? []) as { Arn: string; RoleArn?: string }[]) expect(iam.ruleTargetRefusal(rule, target, 'event-1')).toBeUndefined();
    }
  });

  it('gives CreateOrder what appending needs and no more (a sample of least privilege)', () => {
    const createOrder = fn('CreateOrder');
    const call = (target: string, body: unknown) => iam.guardCall(signedBy(createOrder.accessKeyId, target), body);
    const events = tableArn(createOrder.r, 'EventStoreEvents');
    expect(call('DynamoDB_20120810.Query', { TableName: events.split('/')[1], KeyConditionExpression: 'streamId = :s', ExpressionAttributeValues: { ':s': { S: 'order#1' } } })).toBeUndefined();
    expect(call('DynamoDB_20120810.PutItem', { TableName: events.split('/')[1], Item: { streamId: { S: 'order#1' } } })).toBeUndefined();
    expect(call('DynamoDB_20120810.DeleteItem', { TableName: events.split('/')[1], Key: { streamId: { S: 'order#1' } } })).toMatchObject({ status: 400, body: { __type: 'com.amazon.coral.service#AccessDeniedException' } });
    expect(call('DynamoDB_20120810.Scan', { TableName: tableArn(createOrder.r, 'ReadModelsOrders').split('/')[1] })).toMatchObject({ status: 400 });
  });
});

describe('what AWS refuses at creation, refused at startup', () => {
  it('an event source mapping whose function may not read the stream: an error naming the mapping, the role and the action', () => {
    const stripped = structuredClone(stacks);
    const policy = stripped.flatMap((s) => Object.entries(s.template.Resources)).find(([id, r]) => r.Type === 'AWS::IAM::Policy' && id.startsWith('ReadModelsViewsProjectViewsRole'))![1];
    const document = policy.Properties!.PolicyDocument as { Statement: { Action: string | string[] }[] };
    for (const s of document.Statement) if (Array.isArray(s.Action)) s.Action = s.Action.filter((a) => a !== 'dynamodb:GetRecords');
    const local = localAssemblyOf(stripped);
    const { iam: strippedIam, addFunction: register } = assemblyIamOf(local);
    const projector = local.ofType('AWS::Lambda::Function').find((r) => r.logicalId.startsWith('ReadModelsViewsProjectViews'))!;
    const { name } = register(projector);
    const mapping = local.ofType('AWS::Lambda::EventSourceMapping').find((r) => r.logicalId.startsWith('ReadModelsViewsProjectViews'))!;
    const stream = String(resourceProps(mapping).EventSourceArn);
    const roleName = String(resourceProps(projector).Role).split('/').at(-1);
    expect(() => strippedIam.assertEventSourceMapping({ id: mapping.key, functionName: name, eventSourceArn: stream })).toThrow(
      `${mapping.key}: AWS refuses this event source mapping: the role ${roleName} of ${name} lacks dynamodb:GetRecords on ${stream}`,
    );
  });
});

/** The readers of each DynamoDB stream of an assembly: its event source mappings with a starting position, by stream. */
function streamReaders(of: AssemblyStack[]): Map<string, string[]> {
  const assembly = localAssemblyOf(of);
  const readers = new Map<string, string[]>();
  for (const r of assembly.ofType('AWS::Lambda::EventSourceMapping')) {
    const p = resourceProps(r);
    if (!p.StartingPosition) continue;
    const fn = assembly.ofType('AWS::Lambda::Function').find((f) => f.physical?.ref === p.FunctionName)!;
    readers.set(String(p.EventSourceArn), [...(readers.get(String(p.EventSourceArn)) ?? []), fn.logicalId]);
  }
  return readers;
}

/** Starts the assembly's event source mappings with nothing behind them: the startup checks run, then the first poller would need a function. */
function startMappings(of: AssemblyStack[]): void {
  const assembly = localAssemblyOf(of);
  const context: TemplateContext = { ofType: (type) => assembly.ofType(type), props: resourceProps, account: ACCOUNT, iam: undefined, log: () => {}, stops: [] };
  const wiring = {
    lambda: () => { throw new Error('checks passed: the runtime went on to start a poller'); },
    isTableStream: (arn: string) => arn.includes(':table/'),
  } as unknown as MappingWiring;
  startEventSourceMappings(context, wiring);
}

describe('at most two readers per DynamoDB stream shard, as AWS allows', () => {
  it("each context's events stream has exactly two readers: its views reader and its forwarder to the bus", () => {
    const readers = streamReaders(stacks);
    expect(readers.size).toBe(2);
    for (const [stream, functions] of readers) {
      expect([stream, functions.length]).toEqual([stream, MAX_READERS_PER_STREAM]);
      expect(functions.map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['EventsOutForwardEvents', 'ReadModelsViewsProjectViews']);
    }
  });

  it('the local runtime starts the mappings of the app as it is', () => {
    expect(() => startMappings(stacks)).toThrow('checks passed');
  });

  it('refuses a template with a third reader of a stream, naming the mappings, before it starts any', () => {
    const third = structuredClone(stacks);
    const orders = third.find((s) => s.stackName.endsWith('-Orders'))!;
    const resources = orders.template.Resources;
    const [, forwarderMapping] = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::Lambda::EventSourceMapping' && id.startsWith('EventsOutForwardEvents'))!;
    resources.ThirdReaderMapping = structuredClone(forwarderMapping);
    expect(() => startMappings(third)).toThrow(/at most 2 processes read a stream's shard .*3 event source mappings read arn:aws:dynamodb:us-east-1:000000000000:table\/[^ ]+\/stream\/\S+: .*ReadModelsViewsProjectViews.*EventsOutForwardEvents.*ThirdReaderMapping/);
  });
});
