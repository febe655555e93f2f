import type { TestEnv } from './test-env';

export type TargetName = 'local' | 'localstack' | 'aws';

/** Where the integration suite runs: the local runtime it starts itself, or a deployed stack. */
export type Target = { name: 'local' } | { name: 'localstack' | 'aws'; env: TestEnv };

export const TARGETS: TargetName[] = ['local', 'localstack', 'aws'];

/**
 * Resolves `TARGET` (default `local`) from the environment:
 * - `local`: the test run starts the local runtime (endpoints come from its ready file);
 * - `localstack`: a stack deployed with `cdklocal deploy --outputs-file cdk-outputs.json`;
 *   every AWS call goes to `LOCALSTACK_ENDPOINT` (default http://localhost:4566);
 * - `aws`: a stage deployed with `cdk deploy --all --outputs-file cdk-outputs.json`; AWS calls use
 *   the SDK's default endpoints and credentials.
 * The outputs file is `ORDERLINE_OUTPUTS` (default `cdk-outputs.json`); the outputs of every stack
 * of the stage `ORDERLINE_STAGE` (default `dev`: `Orderline-dev-Platform`, `-Orders`, `-Bank`) are
 * read as one. Remote targets have no fault injection.
 */
export function resolveTarget(env: Record<string, string | undefined>, readFile: (path: string) => string | undefined): Target {
  const name = (env.TARGET ?? 'local') as TargetName;
  if (!TARGETS.includes(name)) throw new Error(`TARGET=${env.TARGET} is not a target; use one of ${TARGETS.join(', ')}`);
  if (name === 'local') return { name };

  const outputsFile = env.ORDERLINE_OUTPUTS ?? 'cdk-outputs.json';
  const stage = env.ORDERLINE_STAGE ?? 'dev';
  const deploy = name === 'localstack' ? 'cdklocal deploy' : 'cdk deploy';
  const text = readFile(outputsFile);
  if (text === undefined) {
    throw new Error(`TARGET=${name} reads the stack outputs from ${outputsFile}, which does not exist: run \`npx ${deploy} --all --outputs-file ${outputsFile}\` first (or set ORDERLINE_OUTPUTS)`);
  }
  const all = JSON.parse(text) as Record<string, Record<string, string>>;
  const outputs = Object.assign({}, ...Object.keys(all).filter((stack) => stack.startsWith(`Orderline-${stage}-`)).map((stack) => all[stack])) as Record<string, string>;
  if (!outputs.ApiUrl) throw new Error(`${outputsFile} has no ApiUrl output of a stack of stage ${stage} (set ORDERLINE_STAGE to the stage you deployed)`);
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const endpoint = name === 'localstack' ? (env.LOCALSTACK_ENDPOINT ?? 'http://localhost:4566') : undefined;
  return {
    name,
    env: { target: name, region, apiUrl: outputs.ApiUrl.replace(/\/$/, ''), edgeUrl: endpoint, dynamodbEndpoint: endpoint, outputs, faultInjection: false },
  };
}
