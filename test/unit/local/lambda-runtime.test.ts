import { join } from 'node:path';
import { LambdaError, LocalLambda, type LambdaFunctionSpec } from '../../../local/lambda-runtime';

/** Fixture bundles stand in for cdk.out assets: what is under test is the worker runtime. */
const spec = (overrides: Partial<LambdaFunctionSpec> = {}): LambdaFunctionSpec => ({
  name: 'stack-Echo',
  arn: 'arn:aws:lambda:us-east-1:000000000000:function:stack-Echo',
  codeDir: join(__dirname, 'fixtures', 'echo'),
  handler: 'index.handler',
  environment: { GREETING: 'hello' },
  timeoutSeconds: 3,
  memoryMb: 128,
  ...overrides,
});

describe('a Lambda bundle in a worker thread', () => {
  const started: LocalLambda[] = [];
  const start = async (s: LambdaFunctionSpec, log?: (line: string) => void) => {
    const fn = new LocalLambda(s, { log });
    started.push(fn);
    await fn.start();
    return fn;
  };
  afterAll(() => Promise.all(started.map((fn) => fn.stop())));

  it('invokes the handler with JSON in and out and a Lambda context', async () => {
    const lines: string[] = [];
    const fn = await start(spec(), (line) => lines.push(line));
    expect(await fn.invoke({ n: 1 })).toEqual({ n: 1, greeting: 'hello', functionName: 'stack-Echo', remaining: true, at: '1970-01-01T00:00:00.000Z' });
    expect(fn.invocations).toBe(1);
    expect(fn.initMs).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toContain('handling 1');
  });

  it('gives each function its own environment', async () => {
    const [a, b] = await Promise.all([start(spec({ environment: { GREETING: 'a' } })), start(spec({ environment: { GREETING: 'b' } }))]);
    expect(await a.invoke({})).toMatchObject({ greeting: 'a' });
    expect(await b.invoke({})).toMatchObject({ greeting: 'b' });
    expect(process.env.GREETING).toBeUndefined();
  });

  it('reports a thrown error as a LambdaError named by the error', async () => {
    const fn = await start(spec());
    const failure = fn.invoke({ fail: 'no gouda' });
    await expect(failure).rejects.toBeInstanceOf(LambdaError);
    await expect(failure).rejects.toMatchObject({ errorType: 'OutOfCheese', errorMessage: 'no gouda' });
  });

  it('runs concurrent invocations and keeps their answers apart', async () => {
    const fn = await start(spec());
    const answers = await Promise.all([30, 10, 20].map((sleepMs, n) => fn.invoke({ n, sleepMs })));
    expect(answers.map((a) => (a as { n: number }).n)).toEqual([0, 1, 2]);
  });

  it('times out an invocation after the function timeout and recovers with a fresh worker', async () => {
    const fn = await start(spec({ timeoutSeconds: 0.2 }));
    await expect(fn.invoke({ sleepMs: 2000 })).rejects.toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.20 seconds' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fn.invoke({ n: 7 })).toMatchObject({ n: 7 });
  });

  it('fails to start, with the cause, when the bundle throws at load time', async () => {
    const fn = new LocalLambda(spec({ codeDir: join(__dirname, 'fixtures', 'broken') }));
    started.push(fn);
    await expect(fn.start()).rejects.toThrow(/stack-Echo failed to initialise: missing configuration at load time/);
  });
});
