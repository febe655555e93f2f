import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';

/** A function of the template, resolved for this machine. */
export type LambdaFunctionSpec = {
  name: string;
  arn: string;
  /** The bundle's folder in the cloud assembly (cdk.out/asset.…). */
  codeDir: string;
  /** `file.export`, e.g. `index.handler`. */
  handler: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memoryMb: number;
};

/** A function error as Lambda reports it: `errorType` is the thrown error's name. */
export class LambdaError extends Error {
  constructor(
    readonly errorType: string,
    readonly errorMessage: string,
    readonly trace: string[] = [],
  ) {
    super(errorMessage);
    this.name = errorType;
  }
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout; started: number };
type WorkerMessage =
  | { type: 'ready'; initMs: number }
  | { type: 'init-error'; error: { errorType: string; errorMessage: string; trace: string[] } }
  | { type: 'result'; id: number; result?: string }
  | { type: 'error'; id: number; error: { errorType: string; errorMessage: string; trace: string[] } };

const WORKER_FILE = join(__dirname, 'lambda-worker.cjs');

/**
 * Runs one function's built bundle in a worker thread with its own `process.env`, the way the
 * Lambda service runs it in a container: loaded once (the cold start), then invoked with JSON
 * events. Unlike Lambda, one worker takes several invocations at once (the handlers are async);
 * that is what a laptop can afford, and it is why a timeout restarts the worker for all of them.
 */
export class LocalLambda {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private count = 0;
  private billed = 0;
  private coldStartMs = 0;

  constructor(
    readonly spec: LambdaFunctionSpec,
    private readonly options: { log?: (line: string) => void; fault?: (event: unknown) => LambdaError | undefined } = {},
  ) {}

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

  /** Starts the worker and loads the bundle; rejects with the init error if the module throws. */
  async start(): Promise<void> {
    const { spec } = this;
    const worker = new Worker(WORKER_FILE, {
      workerData: { codeDir: spec.codeDir, handler: spec.handler, functionName: spec.name, functionArn: spec.arn, memoryMb: spec.memoryMb },
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', ...spec.environment },
      stdout: true,
      stderr: true,
    });
    this.worker = worker;
    const log = this.options.log ?? (() => undefined);
    for (const stream of [worker.stdout, worker.stderr]) createInterface({ input: stream }).on('line', log);

    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          this.coldStartMs = message.initMs;
          resolve();
        } else if (message.type === 'init-error') {
          reject(new LambdaError(message.error.errorType, `${spec.name} failed to initialise: ${message.error.errorMessage}`, message.error.trace));
        } else this.settle(message);
      });
    });
    worker.on('error', (error) => this.failAll(new LambdaError('Runtime.ExitError', `${spec.name} crashed: ${error.message}`)));
  }

  /** Invokes the function; rejects with a {@link LambdaError} when it throws or times out. */
  invoke(event: unknown): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error(`${this.spec.name} is not started`));
    this.count++;
    const injected = this.options.fault?.(event);
    if (injected) return Promise.reject(injected);
    const id = this.nextId++;
    const timeoutMs = this.spec.timeoutSeconds * 1000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => void this.timedOut(id), timeoutMs);
      this.pending.set(id, { resolve, reject, timer, started: performance.now() });
      worker.postMessage({ id, event: JSON.stringify(event ?? null), deadline: Date.now() + timeoutMs });
    });
  }

  async stop(): Promise<void> {
    this.failAll(new LambdaError('Runtime.ExitError', `${this.spec.name} was stopped`));
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private settle(message: Extract<WorkerMessage, { id: number }>): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    this.billed += Math.max(1, Math.ceil(performance.now() - pending.started));
    if (message.type === 'result') pending.resolve(message.result === undefined ? null : JSON.parse(message.result));
    else pending.reject(new LambdaError(message.error.errorType, message.error.errorMessage, message.error.trace));
  }

  private async timedOut(id: number): Promise<void> {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    this.billed += this.spec.timeoutSeconds * 1000;
    pending.reject(new LambdaError('Sandbox.Timedout', `Task timed out after ${this.spec.timeoutSeconds.toFixed(2)} seconds`));
    // The handler may still be running: a fresh container is the only way to stop it.
    this.options.log?.(`timed out after ${this.spec.timeoutSeconds} s; restarting the worker`);
    await this.stop();
    await this.start();
  }

  private failAll(error: Error): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
      this.pending.delete(id);
    }
  }
}
