import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { EXIT_ERROR, LambdaError, TIMEOUT_ERROR } from './errors';
import type { LambdaFunctionSpec } from './spec';

type WireError = { errorType: string; errorMessage: string; trace: string[] };
type WorkerMessage =
  | { type: 'ready'; initMs: number }
  | { type: 'init-error'; error: WireError }
  | { type: 'result'; id: number; result?: string }
  | { type: 'error'; id: number; error: WireError };

type Settle<T> = { resolve: (value: T) => void; reject: (error: Error) => void };
type Running = Settle<unknown> & { id: number; timer: NodeJS.Timeout };

const WORKER_FILE = join(__dirname, 'worker.cjs');
/** Lambda's synchronous invocation quota: 6 MB of request (the Invoke API refuses more) … */
export const MAX_REQUEST_BYTES = 6_291_456;
/** … and of response, as Lambda counts it in its error message. */
export const MAX_RESPONSE_BYTES = 6_291_556;

/** What an environment tells its owner. */
export type EnvironmentHooks = {
  log?: (line: string) => void;
  /** Called once when the environment ends, whatever the reason (timeout, crash, stop). */
  onEnd: (environment: ExecutionEnvironment) => void;
};

/**
 * One Lambda execution environment: a worker thread with the function's own `process.env` that
 * loads the bundle once (the cold start) and then runs one invocation at a time. A timeout or a
 * crash ends it and fails only the invocation it was running; it is never reused after that.
 */
export class ExecutionEnvironment {
  /** Resolves with the init time once the bundle is loaded; rejects with the init error. */
  readonly ready: Promise<number>;
  private readonly worker: Worker;
  private loading: Settle<number> | undefined;
  private running: Running | undefined;
  private nextId = 0;
  private ended = false;

  constructor(
    private readonly spec: LambdaFunctionSpec,
    private readonly hooks: EnvironmentHooks,
  ) {
    this.ready = new Promise((resolve, reject) => (this.loading = { resolve, reject }));
    this.worker = new Worker(WORKER_FILE, {
      workerData: { codeDir: spec.codeDir, handler: spec.handler, functionName: spec.name, functionArn: spec.arn, memoryMb: spec.memoryMb },
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', ...spec.environment },
      // Not the runtime's own flags (tsx's loader, under `npm start`): a bundle is plain JavaScript,
      // as in Lambda, and every require through tsx's hooks cost each cold start and call dearly.
      execArgv: [],
      stdout: true,
      stderr: true,
    });
    const log = hooks.log ?? (() => undefined);
    for (const stream of [this.worker.stdout, this.worker.stderr]) createInterface({ input: stream }).on('line', log);
    this.worker.on('message', (message: WorkerMessage) => this.receive(message));
    // An uncaught exception outside the handler's promise, or process.exit in the handler.
    this.worker.on('error', (error) => this.end(new LambdaError(EXIT_ERROR, `${spec.name} crashed: ${error.message}`)));
    this.worker.on('exit', (code) => this.end(new LambdaError(EXIT_ERROR, `${spec.name} exited with code ${code}`)));
  }

  /** False once the environment has ended; an ended environment takes no more invocations. */
  get alive(): boolean {
    return !this.ended;
  }

  /** Runs one invocation; rejects with a {@link LambdaError} when it throws, times out or crashes. */
  invoke(event: unknown): Promise<unknown> {
    if (this.ended || this.running) return Promise.reject(new Error(`${this.spec.name}: an execution environment runs one invocation at a time`));
    const payload = JSON.stringify(event ?? null);
    if (Buffer.byteLength(payload) > MAX_REQUEST_BYTES) {
      return Promise.reject(new LambdaError('RequestEntityTooLargeException', `Request must be smaller than ${MAX_REQUEST_BYTES} bytes for the InvokeFunction operation`));
    }
    const timeoutMs = this.spec.timeoutSeconds * 1000;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // The clock starts when the invocation starts running here, not while it waited for an environment.
      const timer = setTimeout(() => this.timedOut(), timeoutMs);
      this.running = { id, resolve, reject, timer };
      this.worker.postMessage({ id, event: payload, deadline: Date.now() + timeoutMs });
    });
  }

  /** Ends the environment, failing what it was running, and waits for the thread to go. */
  async stop(): Promise<void> {
    this.end(new LambdaError(EXIT_ERROR, `${this.spec.name} was stopped`));
    await this.worker.terminate();
  }

  private receive(message: WorkerMessage): void {
    if (message.type === 'ready') this.takeLoading()?.resolve(message.initMs);
    else if (message.type === 'init-error') {
      const { errorType, errorMessage, trace } = message.error;
      this.takeLoading()?.reject(new LambdaError(errorType, `${this.spec.name} failed to initialise: ${errorMessage}`, trace));
    } else {
      const running = this.running;
      if (running?.id !== message.id) return;
      this.running = undefined;
      clearTimeout(running.timer);
      if (message.type === 'result' && message.result !== undefined && Buffer.byteLength(message.result) > MAX_RESPONSE_BYTES) {
        running.reject(new LambdaError('Function.ResponseSizeTooLarge', `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`));
      } else if (message.type === 'result') running.resolve(message.result === undefined ? null : JSON.parse(message.result));
      else running.reject(new LambdaError(message.error.errorType, message.error.errorMessage, message.error.trace));
    }
  }

  private takeLoading(): Settle<number> | undefined {
    const loading = this.loading;
    this.loading = undefined;
    return loading;
  }

  /** Ends the invocation running now as timed out, before its time (a test's fault; see LocalLambda.timeOut). */
  timeOut(): void {
    this.timedOut();
  }

  private timedOut(): void {
    // The handler may still be running: ending its environment is the only way to stop it.
    this.hooks.log?.(`timed out after ${this.spec.timeoutSeconds} s; ending its execution environment`);
    this.end(new LambdaError(TIMEOUT_ERROR, `Task timed out after ${this.spec.timeoutSeconds.toFixed(2)} seconds`));
  }

  /** The one way out: fails the cold start or invocation in progress, tells the owner, ends the thread. */
  private end(error: LambdaError): void {
    if (this.ended) return;
    this.ended = true;
    this.takeLoading()?.reject(error);
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.reject(error);
      this.running = undefined;
    }
    this.hooks.onEnd(this);
    void this.worker.terminate();
  }
}
