import { App } from 'aws-cdk-lib';
import { readCloudAssembly, type AssemblyStack } from '../../../local/template/cloud-assembly';
import { resourceProps } from '../../../local/template/stack-resource';
import { startEventSourceMappings, type MappingWiring } from '../../../local/wiring/event-source-mappings';
import { MAX_READERS_PER_STREAM } from '../../../local/wiring/stream-readers';
import type { TemplateContext } from '../../../local/wiring/template-context';
import { composeApp } from '../../../bin/app';
import { ACCOUNT, localAssemblyOf } from './assembly-of';

/** The app's own stacks, synthesized without bundling. */
function synthesizedStacks(): AssemblyStack[] {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  composeApp(app);
  return readCloudAssembly(app.synth().directory);
}

const stacks = synthesizedStacks();

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
