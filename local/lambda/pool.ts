import { ExecutionEnvironment } from './environment';
import { EXIT_ERROR, FailedMessages, LambdaError, type SqsBatch } from './errors';
import type { LambdaFunctionSpec } from './spec';

/** Options of a {@link LocalLambda}. */
export type LocalLambdaOptions = {
  /** Receives each line the function writes to stdout or stderr. */
  log?: (line: string) => void;
  /**
   * Checked before each invocation (an error returned fails it without running the handler; failed
   * messages of an SQS batch are answered as batch item failures, the others run) and after its
   * handler returned (an error returned fails it all the same: the effects stay).
   */
  fault?: (event: unknown, when: 'before' | 'after') => LambdaError | FailedMessages | undefined;
  /** Most execution environments at once; invocations beyond them queue. Default 4. */
  concurrency?: number;
  /** Milliseconds an environment may stay idle before it is ended (one is always kept). Default 60 s. */
  idleMs?: number;
};

/**
 * Measured on 2 cores: 500 orders placed at once on one product end in about a minute with 4
 * environments per function; with 16, the storm of cold starts (every function loading its bundle
 * and the SDK in a dozen threads at once) starves the CPU until invocations time out.
 */
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_IDLE_MS = 60_000;

type Waiter = { resolve: (environment: ExecutionEnvironment) => void; reject: (error: Error) => void };

/**
 * Runs one function's built bundle the way the Lambda service does: in a pool of execution
 * environments (worker threads), each loaded once (the cold start) and running one invocation at
 * a time, so a timeout or crash fails only the invocation that caused it. An invocation takes an
 * idle environment, or cold-starts one while the pool is below `concurrency`. New code (see
 * {@link LocalLambda.reload}) is taken as Lambda takes an update: later invocations cold-start it.
 */
export class LocalLambda {
  /** Every environment, cold-starting ones included: the pool's size against its cap. */
  private readonly live = new Set<ExecutionEnvironment>();
  /** Idle environments with their reap timers, in the order they became idle. */
  private readonly idle = new Map<ExecutionEnvironment, NodeJS.Timeout>();
  private readonly waiting: Waiter[] = [];
  /** The code each environment loaded, by the pool's generation when it was made: a stale one is never reused. */
  private readonly generationOf = new Map<ExecutionEnvironment, number>();
  /** The event each busy environment runs, for a fault that times one out (see {@link timeOut}). */
  private readonly runningEvent = new Map<ExecutionEnvironment, unknown>();
  private generation = 0;
  private current: LambdaFunctionSpec;
  private readonly concurrency: number;
  private state: 'new' | 'started' | 'stopped' = 'new';
  private count = 0;
  private billed = 0;
  private coldStartMs = 0;

  constructor(
    spec: LambdaFunctionSpec,
    private readonly options: LocalLambdaOptions = {},
  ) {
    this.current = spec;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) throw new RangeError(`${spec.name}: concurrency must be a positive integer, not ${options.concurrency}`);
  }

  /** The function as it runs now: its code folder is the last one {@link reload} was given. */
  get spec(): LambdaFunctionSpec {
    return this.current;
  }

  /** Milliseconds the last cold start took to load the bundle. */
  get initMs(): number {
    return this.coldStartMs;
  }

  /** Invocations so far. */
  get invocations(): number {
    return this.count;
  }

  /** Milliseconds billed so far: each invocation's duration rounded up to the millisecond, as Lambda bills. */
  get billedMs(): number {
    return this.billed;
  }

  /** Execution environments in the pool now, cold-starting ones included. */
  get environments(): number {
    return this.live.size;
  }

  /**
   * Takes invocations from now on. With `warm` (the default) it cold-starts the first environment
   * first, and rejects with the init error if the module throws; without, the first invocation
   * cold-starts it, as in Lambda, and an init error fails that invocation.
   */
  async start(options: { warm?: boolean } = {}): Promise<void> {
    if (options.warm === false) {
      this.state = 'started';
      return;
    }
    const first = await this.coldStart();
    this.state = 'started';
    this.release(first);
  }

  /** Invokes the function; rejects with a {@link LambdaError} when it throws, times out or crashes. */
  async invoke(event: unknown, options: { onStart?: () => void } = {}): Promise<unknown> {
    if (this.state !== 'started') throw new Error(`${this.spec.name} is not started`);
    this.count++;
    const injected = this.options.fault?.(event, 'before');
    if (injected instanceof FailedMessages) return this.runWithout(event as SqsBatch, injected.messageIds, options);
    if (injected) throw injected;
    return this.run(event, options);
  }

  /** Runs the batch without the failed messages, which the answer names as batch item failures (with any the handler names). */
  private async runWithout(event: SqsBatch, failed: ReadonlySet<string>, options: { onStart?: () => void }): Promise<unknown> {
    const answer = (await this.run({ ...event, Records: event.Records.filter((r) => !failed.has(r.messageId)) }, options)) as { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
    return { ...answer, batchItemFailures: [...(answer?.batchItemFailures ?? []), ...[...failed].map((itemIdentifier) => ({ itemIdentifier }))] };
  }

  private async run(event: unknown, options: { onStart?: () => void }): Promise<unknown> {
    const environment = await this.acquire();
    options.onStart?.();
    const started = performance.now();
    this.runningEvent.set(environment, event);
    try {
      const result = await environment.invoke(event);
      const lost = this.options.fault?.(event, 'after');
      if (lost) throw lost;
      return result;
    } finally {
      this.runningEvent.delete(environment);
      // Lambda bills no further than the timeout, which is where a timed-out invocation stops.
      this.billed += Math.min(this.spec.timeoutSeconds * 1000, Math.max(1, Math.ceil(performance.now() - started)));
      if (environment.alive) this.release(environment);
    }
  }

  /**
   * Times out the first invocation running now whose event `matches`, as Lambda times one out:
   * its environment ends under it, whatever it was doing. False when none runs. (A test's fault
   * that kills a step in the middle of its work; see LocalFaults.)
   */
  timeOut(matches: (event: unknown) => boolean): boolean {
    const running = [...this.runningEvent].find(([, event]) => matches(event));
    if (!running) return false;
    running[0].timeOut();
    return true;
  }

  /**
   * Runs the code in `codeDir` (by default the same folder, its files replaced) from the next cold
   * start on, as Lambda does after an update: idle environments end now; busy ones finish what they
   * run on the code they loaded, then end instead of taking another invocation.
   */
  reload(codeDir = this.current.codeDir): void {
    this.current = { ...this.current, codeDir };
    this.generation++;
    for (const environment of [...this.idle.keys()]) void environment.stop();
  }

  /** Ends every environment; invocations in flight or queued fail with `Runtime.ExitError`. */
  async stop(): Promise<void> {
    this.state = 'stopped';
    const stopped = new LambdaError(EXIT_ERROR, `${this.spec.name} was stopped`);
    for (const waiter of this.waiting.splice(0)) waiter.reject(stopped);
    await Promise.all([...this.live].map((environment) => environment.stop()));
  }

  private acquire(): Promise<ExecutionEnvironment> {
    // The most recently used first: it is warmest, and the others can idle out.
    const warm = [...this.idle.keys()].pop();
    if (warm) {
      clearTimeout(this.idle.get(warm));
      this.idle.delete(warm);
      return Promise.resolve(warm);
    }
    if (this.live.size < this.concurrency) return this.coldStart();
    // Real Lambda throttles at its concurrency limit (the caller or event source retries);
    // locally we queue, first come first served, the laptop's closest real thing.
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(environment: ExecutionEnvironment): void {
    if (this.generationOf.get(environment) !== this.generation) {
      // Its code was replaced while it ran: ending it hands its place (and the next waiter) to a cold start of the new code.
      void environment.stop();
      return;
    }
    const next = this.waiting.shift();
    if (next) {
      next.resolve(environment);
      return;
    }
    this.idle.set(environment, setTimeout(() => this.reap(environment), this.options.idleMs ?? DEFAULT_IDLE_MS).unref());
  }

  private async coldStart(): Promise<ExecutionEnvironment> {
    const environment = new ExecutionEnvironment(this.current, { log: this.options.log, onEnd: (ended) => this.forget(ended) });
    this.live.add(environment);
    this.generationOf.set(environment, this.generation);
    try {
      this.coldStartMs = await environment.ready;
    } catch (error) {
      await environment.stop();
      throw error;
    }
    return environment;
  }

  /** Gives memory back, keeping one environment warm as steady traffic would. */
  private reap(environment: ExecutionEnvironment): void {
    if (this.idle.has(environment) && this.live.size > 1) void environment.stop();
  }

  /** An environment ended (timeout, crash, failed init, reaped): its place goes to the longest waiter. */
  private forget(environment: ExecutionEnvironment): void {
    if (!this.live.delete(environment)) return;
    this.generationOf.delete(environment);
    clearTimeout(this.idle.get(environment));
    this.idle.delete(environment);
    const next = this.state === 'started' ? this.waiting.shift() : undefined;
    if (next) this.coldStart().then(next.resolve, next.reject);
  }
}
