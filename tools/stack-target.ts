import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a tool finds the system: the stack outputs, and local endpoints when it is `npm start`'s. */
export type StackTarget = { outputs: Record<string, string>; dynamodb?: string; edge?: string };

/**
 * The system a tool works on: a deployed stack's outputs (`cdk deploy --outputs-file`) when
 * `outputs` is given, else the local system's ready file (`.local/runtime.json` by default).
 */
export function readStackTarget(options: { runtime?: string; outputs?: string; stack: string }): StackTarget {
  if (options.outputs) {
    const all = JSON.parse(readFileSync(options.outputs, 'utf8')) as Record<string, Record<string, string>>;
    const outputs = all[options.stack];
    if (!outputs) throw new Error(`${options.outputs} has no outputs for stack ${options.stack} (--stack)`);
    return { outputs };
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
