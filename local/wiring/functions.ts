import { join } from 'node:path';
import { LocalLambda, type FailedMessages, type LambdaError, type LambdaFunctionSpec } from '../lambda';
import { functionDisplayNames } from '../lambda/display-names';
import { accessKeyIdFor } from '../iam';
import type { StackResource } from '../template/stack-resource';
import type { TemplateContext } from './template-context';

/** How the functions are run: where their bundles are, their base environment, where their output goes and what may fail them. */
export type FunctionWiring = {
  assemblyDir: string;
  baseEnvironment: Record<string, string>;
  /** Each line a function writes, with its display name (its name without its stack's prefix). */
  onLine: (functionName: string, line: string) => void;
  /** A test-only failure to inject before the handler runs or after it ran, if any. */
  fault: (functionName: string, event: unknown, when: 'before' | 'after') => LambdaError | FailedMessages | undefined;
};

/**
 * Starts every `AWS::Lambda::Function` of every stack in its pool of execution environments, each
 * with its own environment (and its own signing key when IAM is enforced), and returns them by name.
 */
export async function startFunctions(t: TemplateContext, wiring: FunctionWiring): Promise<Map<string, LocalLambda>> {
  const functions = t.ofType('AWS::Lambda::Function');
  const displayNames = functionDisplayNames(functions.map((r) => ({ name: r.physical!.ref, stackName: r.stackName })));
  const specs = functions.map((r) => {
    const p = t.props(r);
    const physical = r.physical!;
    // Each function signs with its own key, so the runtime knows who calls (see local/iam), IAM enforced or not.
    const accessKeyId = t.iam?.addFunction({ name: physical.ref, arn: physical.attributes.Arn!, roleArn: p.Role === undefined ? undefined : String(p.Role) }) ?? accessKeyIdFor(physical.ref);
    const spec = functionSpec(r, p, wiring.assemblyDir, { ...wiring.baseEnvironment, AWS_ACCESS_KEY_ID: accessKeyId });
    return { ...spec, displayName: displayNames.get(physical.ref)! };
  });
  // Execution environments per function, beyond which invocations queue; LocalLambda checks the value.
  const concurrencyVariable = process.env.ORDERLINE_LOCAL_LAMBDA_CONCURRENCY;
  const concurrency = concurrencyVariable ? Number(concurrencyVariable) : undefined;
  const lambdas = new Map<string, LocalLambda>();
  await Promise.all(
    specs.map(async (spec) => {
      const fn = new LocalLambda(spec, {
        log: (line) => wiring.onLine(spec.displayName, line),
        fault: (event, when) => wiring.fault(spec.name, event, when),
        concurrency,
      });
      lambdas.set(spec.name, fn);
      t.stops.push(() => fn.stop());
      // Each function's first invocation cold-starts it, as in Lambda: the system is ready
      // without loading every bundle first (ORDERLINE_LOCAL_WARM=1 loads them all at the start).
      await fn.start({ warm: process.env.ORDERLINE_LOCAL_WARM === '1' });
    }),
  );
  t.log(`functions: ${specs.length} ready`);
  return lambdas;
}

function functionSpec(r: StackResource, p: Record<string, unknown>, assemblyDir: string, baseEnvironment: Record<string, string>): LambdaFunctionSpec {
  const assetPath = r.resource.Metadata?.['aws:asset:path'];
  if (typeof assetPath !== 'string') {
    throw new Error(`${r.key}: no aws:asset:path metadata; the local runtime runs bundled assets only (synth with asset metadata on, as \`cdk synth\` does)`);
  }
  const physical = r.physical!;
  const variables = ((p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
  const environment = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(v)]));
  return {
    name: physical.ref,
    arn: physical.attributes.Arn!,
    codeDir: join(assemblyDir, assetPath),
    handler: String(p.Handler ?? 'index.handler'),
    environment: { ...baseEnvironment, ...environment, AWS_LAMBDA_FUNCTION_NAME: physical.ref, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(p.MemorySize ?? 128) },
    timeoutSeconds: Number(p.Timeout ?? 3),
    memoryMb: Number(p.MemorySize ?? 128),
  };
}
