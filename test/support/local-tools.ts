import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testEnv } from './test-env';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** Runs one of the project's tools (`npm run <tool>`) against the test system, as an operator would. */
export async function runTool(tool: 'redrive' | 'reconcile' | 'inbox', args: string[]): Promise<string> {
  if (testEnv().target !== 'local') throw new Error(`npm run ${tool} is tried against the local system only here`);
  const { stdout } = await run(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'tools', `${tool}.ts`), ...args, '--runtime', join(ROOT, '.local', 'test-system.json')], {
    cwd: ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  return stdout;
}

/** Moves the local runtime's service clock (SQS visibility and retention) forward. */
export async function advanceClock(seconds: number): Promise<void> {
  const res = await fetch(`${testEnv().edgeUrl}/_local/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: seconds }) });
  if (res.status !== 200) throw new Error(`the local runtime did not move its clock: ${res.status}`);
}

/** How many times the local runtime has invoked the functions whose names contain `fn`. */
export async function invocations(fn: string): Promise<number> {
  const usage = (await (await fetch(`${testEnv().edgeUrl}/_local/usage`)).json()) as { lambda: Record<string, { invocations: number }> };
  return Object.entries(usage.lambda)
    .filter(([name]) => name.includes(fn))
    .reduce((sum, [, u]) => sum + u.invocations, 0);
}
