import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTarget } from './support/target';
import { TEST_ENV_FILE, type TestEnv } from './support/test-env';

const STARTUP_DEADLINE_MS = 120_000;

/**
 * With TARGET=local (the default), starts the local system once for the whole test run, exactly
 * as `npm start` does (synth, then run the template), on free ports. With TARGET=localstack or
 * aws, points the tests at the deployed stack instead. Either way the endpoints go to
 * TEST_ENV_FILE for the tests.
 */
export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  rmSync(TEST_ENV_FILE, { force: true });
  const root = join(__dirname, '..');
  mkdirSync(join(root, '.local'), { recursive: true });
  const target = resolveTarget(process.env, (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined));
  if (target.name !== 'local') {
    writeFileSync(TEST_ENV_FILE, JSON.stringify(target.env));
    console.log(`\nintegration tests against TARGET=${target.name}: ${target.env.apiUrl}`);
    return;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts', '--port', '0', '--edge-port', '0', '--ready-file', TEST_ENV_FILE], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  let output = '';
  const logFile = createWriteStream(join(root, '.local', 'test-system.log'));
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      logFile.write(chunk);
    });
  }
  (globalThis as { orderline?: ChildProcess }).orderline = child;

  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  while (!existsSync(TEST_ENV_FILE)) {
    if (child.exitCode !== null) throw new Error(`the local system exited with code ${child.exitCode} while starting:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGINT');
      throw new Error(`the local system was not ready within ${STARTUP_DEADLINE_MS / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The runtime's ready file holds its endpoints; the tests also need to know what they run on.
  const ready = await readWhenComplete(TEST_ENV_FILE);
  writeFileSync(TEST_ENV_FILE, JSON.stringify({ ...ready, target: 'local', region: 'us-east-1', faultInjection: true } satisfies TestEnv));
  // From here on its log lines go to .local/test-system.log only, for a person debugging a failure.
  output = '';
}

/** The ready file can exist a moment before its JSON is all written. */
async function readWhenComplete(file: string): Promise<Omit<TestEnv, 'target' | 'region' | 'faultInjection'>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
