import type { Budgets } from '../functions/platform/http/caller-budgets';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LocalAuthInfo } from './oidc/runtime-auth';

/** What `local/main.ts` writes to its ready file once the system serves. */
export type ReadyInfo = {
  /** The stacks run, in the order they were started. */
  stackNames: string[];
  apiUrl: string;
  edgeUrl: string;
  dynamodbEndpoint: string;
  /** Every stack's outputs in one record (output keys are unique across stacks). */
  outputs: Record<string, string>;
  /** The outputs by stack name. */
  stackOutputs: Record<string, Record<string, string>>;
  /** By `<stackName>/<logicalId>`, and by bare logical id where no other stack has that id. */
  physicalNames: Record<string, string>;
  /** The JWT authorizer's issuer, audiences and signing key file, to mint tokens with (see `local/oidc`). */
  auth?: LocalAuthInfo;
  /** Whether the assembly's IAM is enforced (false with --no-iam). */
  iam?: boolean;
  /** Whether a saved function is rebuilt and served live (off with --no-reload). */
  liveReload?: boolean;
  pid: number;
};

export type SpawnedSystem = { ready: ReadyInfo; child: ChildProcess; stop(): Promise<void> };

/**
 * Starts the local system in a child process, exactly as `npm start` does (synth if needed, then
 * run the assembly), on free ports, and waits for its ready file. Its output goes to `logFile`;
 * if it dies or is not ready by the deadline, the error carries that output. Live reload is off
 * unless `reload` asks for it: tests must not see the code change under them. With `warm`, every
 * function is loaded before the system is ready (`npm start` loads each on first use).
 * `corsOrigins`, the web origins that may call its API (none unless given: its ports are random);
 * `callerBudgets`, each caller's requests a minute (the stack's defaults unless given);
 * `sagaType`, the sagas' workflow type (standard unless given); `retryWaitMs`, the pause before
 * every state machine retry in place of the definitions' (see LocalSystemOptions.retryWaitMs).
 */
export async function spawnLocalSystem(options: { projectDir: string; readyFile: string; logFile: string; deadlineMs?: number; reload?: boolean; warm?: boolean; corsOrigins?: string[]; callerBudgets?: Budgets; sagaType?: string; retryWaitMs?: number }): Promise<SpawnedSystem> {
  const { projectDir, readyFile, logFile } = options;
  const flags = [
    ...(options.corsOrigins ? ['--cors-origins', options.corsOrigins.join(',')] : []),
    ...(options.callerBudgets ? ['--caller-budgets', JSON.stringify(options.callerBudgets)] : []),
    ...(options.sagaType ? ['--saga-type', options.sagaType] : []),
    ...(options.retryWaitMs === undefined ? [] : ['--retry-wait-ms', String(options.retryWaitMs)]),
  ];
  rmSync(readyFile, { force: true });
  mkdirSync(dirname(logFile), { recursive: true });
  const logFd = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectDir, 'local', 'main.ts'), '--port', '0', '--edge-port', '0', '--ready-file', readyFile, options.reload ? '--reload' : '--no-reload', ...flags], {
    cwd: projectDir,
    // Straight into the log file: through a pipe, the system would block on every line whenever
    // this process (Jest's, in the tests) is too busy to read it.
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ORDERLINE_LOCAL_WARM: options.warm ? '1' : '0' },
  });
  closeSync(logFd);
  const output = () => readFileSync(logFile, 'utf8');
  const stop = () => stopChild(child);
  const deadline = Date.now() + (options.deadlineMs ?? 120_000);
  while (!existsSync(readyFile)) {
    if (child.exitCode !== null) throw new Error(`the local system exited with code ${child.exitCode} while starting:\n${output()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the local system was not ready within ${(options.deadlineMs ?? 120_000) / 1000} s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { ready: JSON.parse(readFileSync(readyFile, 'utf8')) as ReadyInfo, child, stop };
}

/** Stops the system as Ctrl-C does (which stops DynamoDB Local with it); kills it after 10 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGINT');
  });
}
