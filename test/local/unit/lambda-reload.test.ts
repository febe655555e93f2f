import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalLambda, type LambdaFunctionSpec, type LocalLambdaOptions } from '../../../local/lambda';
import { eventually } from '../../support/eventually';

/** What the versioned bundles answer: which code ran, in which environment. */
type Answer = { version: string; environmentId: string };

const root = mkdtempSync(join(tmpdir(), 'orderline-reload-pool-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes a bundle, as esbuild would emit it, that answers with its version; returns its folder. */
const bundle = (folder: string, version: string): string => {
  const dir = join(root, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.js'),
    `const environmentId = require('node:crypto').randomUUID();
exports.handler = async (event) => {
  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  return { version: ${JSON.stringify(version)}, environmentId };
};
`,
  );
  return dir;
};

const spec = (codeDir: string): LambdaFunctionSpec => ({
  name: 'stack-Versioned',
  arn: 'arn:aws:lambda:us-east-1:000000000000:function:stack-Versioned',
  codeDir,
  handler: 'index.handler',
  environment: {},
  timeoutSeconds: 10,
  memoryMb: 128,
});

const started: LocalLambda[] = [];
const start = async (codeDir: string, options: LocalLambdaOptions = {}) => {
  const fn = new LocalLambda(spec(codeDir), options);
  started.push(fn);
  await fn.start();
  return fn;
};
afterAll(() => Promise.all(started.map((fn) => fn.stop())));

/** An invocation that holds its environment until it is told to finish, and tells when it runs. */
const inFlight = (fn: LocalLambda, sleepMs: number) => {
  let running!: () => void;
  const started = new Promise<void>((resolve) => (running = resolve));
  const answer = fn.invoke({ sleepMs }, { onStart: running }) as Promise<Answer>;
  return { started, answer };
};

describe('LocalLambda.reload', () => {
  it('lets an invocation in flight finish on the code it loaded and runs the next one on the new code', async () => {
    const fn = await start(bundle('in-flight/v1', 'v1'));
    const old = inFlight(fn, 500);
    await old.started;
    fn.reload(bundle('in-flight/v2', 'v2'));
    const next = (await fn.invoke({})) as Answer;
    expect(next.version).toBe('v2');
    const finished = await old.answer;
    expect(finished.version).toBe('v1');
    expect(finished.environmentId).not.toBe(next.environmentId);
    // The old environment ended once its invocation was done, instead of going back to the pool.
    expect(fn.environments).toBe(1);
    expect(((await fn.invoke({})) as Answer).environmentId).toBe(next.environmentId);
  });

  it('ends idle environments at once, and the next invocation cold-starts the new code', async () => {
    const fn = await start(bundle('idle/v1', 'v1'));
    expect(fn.environments).toBe(1);
    fn.reload(bundle('idle/v2', 'v2'));
    await eventually(async () => fn.environments, (count) => count === 0, { timeoutMs: 5000, what: 'the idle environment to end' });
    expect(await fn.invoke({})).toMatchObject({ version: 'v2' });
  });

  it('gives an invocation queued behind an old one the new code', async () => {
    const fn = await start(bundle('queued/v1', 'v1'), { concurrency: 1 });
    const old = inFlight(fn, 300);
    await old.started;
    const queued = fn.invoke({}) as Promise<Answer>;
    fn.reload(bundle('queued/v2', 'v2'));
    expect(await old.answer).toMatchObject({ version: 'v1' });
    expect(await queued).toMatchObject({ version: 'v2' });
    expect(fn.environments).toBe(1);
  });

  it('takes new files in the same folder', async () => {
    const dir = bundle('in-place', 'v1');
    const fn = await start(dir);
    expect(await fn.invoke({})).toMatchObject({ version: 'v1' });
    bundle('in-place', 'v2');
    fn.reload();
    expect(await fn.invoke({})).toMatchObject({ version: 'v2' });
    expect(fn.spec.codeDir).toBe(dir);
  });
});
