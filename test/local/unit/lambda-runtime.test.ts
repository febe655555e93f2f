import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FailedMessages, LambdaError, LocalLambda, type LambdaFunctionSpec, type LocalLambdaOptions } from '../../../local/lambda';
import { eventually } from '../../support/eventually';

const fixture = (name: string) => join(__dirname, 'fixtures', name);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the isolation fixture answers. */
type IsolationAnswer = { n: number; environmentId: string; concurrentInThisEnvironment: number };

/** Fixture bundles stand in for cdk.out assets: what is under test is the worker runtime. */
const spec = (overrides: Partial<LambdaFunctionSpec> = {}): LambdaFunctionSpec => ({
  name: 'stack-Echo',
  arn: 'arn:aws:lambda:us-east-1:000000000000:function:stack-Echo',
  codeDir: fixture('echo'),
  handler: 'index.handler',
  environment: { GREETING: 'hello' },
  timeoutSeconds: 3,
  memoryMb: 128,
  ...overrides,
});

const started: LocalLambda[] = [];
const start = async (s: LambdaFunctionSpec, options: LocalLambdaOptions = {}) => {
  const fn = new LocalLambda(s, options);
  started.push(fn);
  await fn.start();
  return fn;
};
afterAll(() => Promise.all(started.map((fn) => fn.stop())));

describe('a Lambda bundle in a worker thread', () => {
  it('invokes the handler with JSON in and out and a Lambda context', async () => {
    const lines: string[] = [];
    const fn = await start(spec(), { log: (line) => lines.push(line) });
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

  it('fails an invocation after its handler ran when a fault says so: the handler did its work, the caller gets the error', async () => {
    const lines: string[] = [];
    const lost = new LambdaError('Sandbox.Timedout', 'Task timed out');
    const fn = await start(spec(), { log: (line) => lines.push(line), fault: (event, when) => (when === 'after' && (event as { n?: number }).n === 7 ? lost : undefined) });
    await expect(fn.invoke({ n: 7 })).rejects.toBe(lost);
    await eventually(async () => lines, (l) => l.includes('handling 7'), { what: 'the handler to have run' });
    await expect(fn.invoke({ n: 8 })).resolves.toMatchObject({ n: 8 });
  });

  it("runs an SQS batch without the messages a fault fails, and answers them as batch item failures beside the handler's own", async () => {
    const failed = new FailedMessages(new LambdaError('Error', 'Step Functions is down'), new Set(['m-1']));
    const fn = await start(spec(), { fault: (_event, when) => (when === 'before' ? failed : undefined) });
    const batch = { Records: [{ messageId: 'm-1', body: 'mine' }, { messageId: 'm-2', body: 'theirs' }, { messageId: 'm-3', body: 'bad' }] };
    expect(await fn.invoke(batch)).toEqual({ handled: ['m-2', 'm-3'], batchItemFailures: [{ itemIdentifier: 'm-3' }, { itemIdentifier: 'm-1' }] });
    expect(fn.invocations).toBe(1);
  });

  it('times out, on demand, the running invocation a fault picks: its environment ends under it, the others run on', async () => {
    const fn = await start(spec());
    const slow = fn.invoke({ n: 1, sleepMs: 2_000 });
    const other = fn.invoke({ n: 2, sleepMs: 300 });
    await delay(100);
    expect(fn.timeOut((event) => (event as { n?: number }).n === 3)).toBe(false);
    expect(fn.timeOut((event) => (event as { n?: number }).n === 1)).toBe(true);
    await expect(slow).rejects.toMatchObject({ errorType: 'Sandbox.Timedout' });
    await expect(other).resolves.toMatchObject({ n: 2 });
  });

  it("holds invocations to Lambda's 6 MB of request and of response, with Lambda's errors", async () => {
    const fn = await start(spec());
    await expect(fn.invoke({ padding: 'x'.repeat(6_291_456) })).rejects.toMatchObject({ errorType: 'RequestEntityTooLargeException', errorMessage: expect.stringContaining('6291456 bytes') });
    await expect(fn.invoke({ padding: 'x'.repeat(6_291_000) })).resolves.toMatchObject({ greeting: 'hello' });
    await expect(fn.invoke({ answerBytes: 6_291_600 })).rejects.toMatchObject({ errorType: 'Function.ResponseSizeTooLarge', errorMessage: expect.stringContaining('6291556 bytes') });
    await expect(fn.invoke({ answerBytes: 6_291_000 })).resolves.toHaveLength(6_291_000);
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

  it('times out an invocation after the function timeout and recovers with a fresh environment', async () => {
    const fn = await start(spec({ timeoutSeconds: 0.2 }));
    await expect(fn.invoke({ sleepMs: 2000 })).rejects.toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 0.20 seconds' });
    expect(await fn.invoke({ n: 7 })).toMatchObject({ n: 7 });
  });

  it('fails to start, with the cause, when the bundle throws at load time', async () => {
    const fn = new LocalLambda(spec({ codeDir: fixture('broken') }));
    started.push(fn);
    await expect(fn.start()).rejects.toThrow(/stack-Echo failed to initialise: missing configuration at load time/);
  });
});

describe('execution environments', () => {
  it('times out one invocation without failing another in flight', async () => {
    const fn = await start(spec({ timeoutSeconds: 1 }));
    const slow = fn.invoke({ n: 1, sleepMs: 5000 });
    // Started halfway through the first one's second, it is still running when that one times out
    // (at 1 s) and ends well within its own timeout (at 1.25 s of 1.5 s).
    const meanwhile = delay(500).then(() => fn.invoke({ n: 2, sleepMs: 750 }));
    const [timedOut, finished] = await Promise.allSettled([slow, meanwhile]);
    expect(timedOut).toMatchObject({ status: 'rejected', reason: { errorType: 'Sandbox.Timedout' } });
    expect(finished).toMatchObject({ status: 'fulfilled', value: { n: 2 } });
  });

  it.each([
    ['calls process.exit', 'exit', /stack-Echo exited with code 1/],
    ["throws outside the handler's promise", 'throw', /stack-Echo crashed: thrown outside the handler/],
  ])('fails only the invocation whose handler %s, with Runtime.ExitError', async (_, crash, message) => {
    const fn = await start(spec({ codeDir: fixture('isolation') }));
    const [finished, crashed] = await Promise.allSettled([fn.invoke({ n: 1, sleepMs: 500 }), fn.invoke({ n: 2, crash, sleepMs: 2000 })]);
    expect(crashed).toMatchObject({ status: 'rejected', reason: { errorType: 'Runtime.ExitError', errorMessage: expect.stringMatching(message) } });
    expect(finished).toMatchObject({ status: 'fulfilled', value: { n: 1 } });
    expect(await fn.invoke({ n: 3 })).toMatchObject({ n: 3 });
  });

  it('runs one invocation at a time in each environment, in no more environments than the cap', async () => {
    const fn = await start(spec({ codeDir: fixture('isolation') }), { concurrency: 2 });
    const answers = (await Promise.all([1, 2, 3, 4, 5, 6].map((n) => fn.invoke({ n, sleepMs: 100 })))) as IsolationAnswer[];
    expect(answers.map((a) => a.n)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(answers.map((a) => a.concurrentInThisEnvironment)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(new Set(answers.map((a) => a.environmentId)).size).toBe(2);
    expect(fn.environments).toBe(2);
  });

  it('queues invocations beyond the cap first come, first served', async () => {
    const fn = await start(spec({ codeDir: fixture('isolation') }), { concurrency: 1 });
    const finishedInOrder: number[] = [];
    // Run side by side, the later, shorter ones would finish first.
    await Promise.all([60, 30, 0].map((sleepMs, n) => fn.invoke({ n, sleepMs }).then(() => finishedInOrder.push(n))));
    expect(finishedInOrder).toEqual([0, 1, 2]);
  });

  it('ends environments idle past idleMs, keeping one warm', async () => {
    const fn = await start(spec({ codeDir: fixture('isolation') }), { concurrency: 3, idleMs: 100 });
    // Long enough that all three run at once however slowly the machine cold-starts them; the
    // first to finish may already be ended when the last one answers, so count the ids they report.
    const busy = (await Promise.all([1, 2, 3].map((n) => fn.invoke({ n, sleepMs: 1500 })))) as IsolationAnswer[];
    expect(new Set(busy.map((a) => a.environmentId)).size).toBe(3);
    await eventually(async () => fn.environments, (count) => count === 1, { timeoutMs: 5000, what: 'idle environments to be ended' });
    const warm = (await fn.invoke({ n: 4 })) as IsolationAnswer;
    expect(busy.map((a) => a.environmentId)).toContain(warm.environmentId);
  });

  it('fails the invocation with the init error when a later cold start fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orderline-init-'));
    try {
      const fn = await start(spec({ codeDir: fixture('flaky-init'), environment: { INIT_COUNT_FILE: join(dir, 'loads') } }));
      const [warm, cold] = await Promise.allSettled([fn.invoke({ n: 1, sleepMs: 200 }), fn.invoke({ n: 2 })]);
      expect(warm).toMatchObject({ status: 'fulfilled', value: { n: 1 } });
      expect(cold).toMatchObject({ status: 'rejected', reason: { errorType: 'MissingConfiguration', errorMessage: expect.stringMatching(/stack-Echo failed to initialise: load 2/) } });
      expect(fn.environments).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
