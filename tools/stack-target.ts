import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a tool finds the system: the stack outputs, and local endpoints when it is `npm start`'s. */
export type StackTarget = { outputs: Record<string, string>; dynamodb?: string; edge?: string };

/**
 * The system a tool works on: a deployed stage's outputs (`cdk deploy --all --outputs-file`) when
 * `outputs` is given, else the local system's ready file (`.local/runtime.json` by default).
 */
export function readStackTarget(options: { runtime?: string; outputs?: string; stage?: string }): StackTarget {
  if (options.outputs) {
    const all = JSON.parse(readFileSync(options.outputs, 'utf8')) as Record<string, Record<string, string>>;
    return { outputs: stageOutputs(all, options.stage ?? 'dev', options.outputs) };
  }
  const file = options.runtime ?? join(__dirname, '..', '.local', 'runtime.json');
  try {
    const ready = JSON.parse(readFileSync(file, 'utf8')) as { outputs: Record<string, string>; dynamodbEndpoint: string; edgeUrl: string };
    return { outputs: ready.outputs, dynamodb: ready.dynamodbEndpoint, edge: ready.edgeUrl };
  } catch {
    throw new Error(`no running local system found (${file}); start it with npm start, or give --outputs for AWS`);
  }
}

/** SDK client settings: the local endpoint with dummy credentials, or the SDK's defaults for AWS. */
export function clientSettings(endpoint: string | undefined): { endpoint?: string; region?: string; credentials?: { accessKeyId: string; secretAccessKey: string } } {
  return endpoint ? { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {};
}

/**
 * The outputs of every stack of a stage (`Orderline-<stage>-Platform`, `-Orders`, `-Bank`…), as one
 * record: the app keeps output names unique across its stacks.
 */
export function stageOutputs(all: Record<string, Record<string, string>>, stage: string, file: string): Record<string, string> {
  const stacks = Object.keys(all).filter((name) => name.startsWith(`Orderline-${stage}-`));
  if (stacks.length === 0) throw new Error(`${file} has no outputs of a stack of stage ${stage} (Orderline-${stage}-…; --stage)`);
  return Object.assign({}, ...stacks.map((name) => all[name]));
}
