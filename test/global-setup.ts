import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_ENV_FILE } from './support/test-env';

const STARTUP_DEADLINE_MS = 120_000;

/**
 * Starts the local system once for the whole test run, exactly as `npm start` does (synth, then
 * run the template), on free ports. It writes its endpoints to TEST_ENV_FILE for the tests.
 */
export default async function globalSetup(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  rmSync(TEST_ENV_FILE, { force: true });
  const root = join(__dirname, '..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts', '--port', '0', '--edge-port', '0', '--ready-file', TEST_ENV_FILE], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  let output = '';
  mkdirSync(join(root, '.local'), { recursive: true });
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
  // From here on its log lines go to .local/test-system.log only, for a person debugging a failure.
  output = '';
}
