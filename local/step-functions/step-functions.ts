import { randomUUID } from 'node:crypto';
import { ExecutionAbortedError, ExecutionTimeoutError, StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { LambdaError } from '../lambda';

// aws-local-stepfunctions 3 calls Promise.withResolvers (Node 22+). Without it every Task fails with
// a TypeError that a States.ALL catcher silently swallows, so polyfill it on Node 20.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
      return { promise, resolve, reject };
    },
  });
}

/** Where and how much a state machine logs (its LoggingConfiguration): every event (ALL), errors, fatal ones or none. */
export type StateMachineLogging = { logGroupName: string; level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF'; includeExecutionData: boolean };
export type StateMachineSpec = { name: string; arn: string; definition: Record<string, unknown>; type: 'STANDARD' | 'EXPRESS'; logging?: StateMachineLogging };
/** Writes one event to a log group (CloudWatch Logs, local/logs/log-groups.ts). */
export type WriteLog = (logGroupName: string, logStreamName: string, document: unknown, timestamp: number) => void;
/** Which execution a Task runs for: the state machine's role is what invokes the function. */
export type TaskContext = { stateMachineArn: string; executionArn: string };
/** Invokes a task's function; `onStart` is called when it starts running in an execution environment. */
export type InvokeLambda = (functionNameOrArn: string, payload: unknown, task: TaskContext, onStart?: () => void) => Promise<unknown>;
/** Makes a DynamoDB integration's call (`PutItem`, `UpdateItem`, …) with the Task's parameters, as the state machine's role; answers DynamoDB's response. */
export type CallDynamoDb = (operation: string, parameters: Record<string, unknown>, task: TaskContext) => Promise<Record<string, unknown>>;
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One entry of an execution's history, named and shaped as GetExecutionHistory returns it. */
export type HistoryEvent = { id: number; previousEventId: number; timestamp: Date; type: string } & Record<string, unknown>;

export type Execution = {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
  abort: () => void;
  done: Promise<void>;
  /** Set when the execution failed on an error no Catch may take (States.DataLimitExceeded): it ends FAILED with it. */
  terminal?: { error: string; cause: string };
};

/** Which events each log level writes. */
const LOGGED: Record<StateMachineLogging['level'], (type: string) => boolean> = {
  ALL: () => true,
  ERROR: (type) => /Failed|TimedOut|Aborted/.test(type),
  FATAL: (type) => /^Execution(Failed|TimedOut|Aborted)$/.test(type),
  OFF: () => false,
};

/** Step Functions' quota on the data a state takes in or gives out: 256 KiB. */
export const MAX_PAYLOAD_BYTES = 262_144;

/** How long an Express execution may run, whatever its definition says: 5 minutes. */
export const EXPRESS_LIMIT_SECONDS = 300;

/** StartExecution with a name already used, for a closed execution or another input. */
export class ExecutionAlreadyExists extends Error {
  constructor(readonly executionArn: string) {
    super(`Execution Already Exists: '${executionArn}'`);
    this.name = 'ExecutionAlreadyExists';
  }
}

export class ExecutionDoesNotExist extends Error {
  constructor(executionArn: string) {
    super(`Execution Does Not Exist: '${executionArn}'`);
    this.name = 'ExecutionDoesNotExist';
  }
}

/** An execution ARN where this API takes none: an Express execution's (AWS: InvalidArn, "Resource type not valid in this context: express"). */
export class InvalidArn extends Error {
  readonly name = 'InvalidArn';
  constructor(arn: string) {
    super(`Invalid Arn: 'Resource type not valid in this context: express' (${arn})`);
  }
}

/** ListExecutions on an Express state machine (AWS keeps no list of Express executions). */
export class StateMachineTypeNotSupported extends Error {
  readonly name = 'StateMachineTypeNotSupported';
  constructor(arn: string) {
    super(`This operation is not supported by this type of state machine: EXPRESS (${arn})`);
  }
}

/** A ListExecutions `nextToken` this service did not hand out (AWS: InvalidToken). */
export class InvalidToken extends Error {
  readonly name = 'InvalidToken';
  constructor(token: string) {
    super(`Invalid Token: '${token.slice(0, 100)}'`);
  }
}

/** Where a page ends: the execution it ended on. */
const pageToken = (execution: { executionArn: string }) => Buffer.from(execution.executionArn).toString('base64url');

export class StateMachineDoesNotExist extends Error {
  constructor(arn: string) {
    super(`State Machine Does Not Exist: '${arn}'`);
    this.name = 'StateMachineDoesNotExist';
  }
}

/** setTimeout overflows above 2^31-1 ms; longer timeouts would fire at once. */
const MAX_TIMEOUT_SECONDS = 2_147_483;
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const LAMBDA_ARN = /^arn:aws:lambda:[^:]+:[^:]+:function:[^:]+$/;
/** The DynamoDB optimized integrations a state machine may call here (an Express saga's start record). */
const DYNAMODB_TASK = /^arn:aws:states:::dynamodb:(putItem|updateItem|getItem|deleteItem)$/;

type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type Machine = { spec: StateMachineSpec; machine: StateMachine; taskResources: Record<string, string>; taskTimeouts: Record<string, number>; retryWaits?: Record<string, number> };

/**
 * The Step Functions service on this machine: state machines built once from their definitions,
 * executions run with aws-local-stepfunctions, every Task invoking a local Lambda function, and
 * the Describe/History/List/Stop answers shaped as AWS gives them.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, Machine>();
  /** When the machines were created: when this service started. */
  private readonly started = new Date();
  private readonly executions = new Map<string, Execution>();

  constructor(
    private readonly options: {
      invokeLambda: InvokeLambda;
      callDynamoDb?: CallDynamoDb;
      writeLog?: WriteLog;
      region: string;
      accountId: string;
      log?: (line: string) => void;
      /** How long an Express execution may run ({@link EXPRESS_LIMIT_SECONDS}; a test shortens it to see it). */
      expressLimitSeconds?: number;
      /**
       * The pause before every retry, in place of the definition's interval, backoff and jitter:
       * the test system's retries then take milliseconds, not seconds (absent: as the definition says).
       */
      retryWaitMs?: number;
    },
  ) {}

  /** Builds a state machine once (validation is costly); refuses what cannot run locally. */
  register(spec: StateMachineSpec): void {
    // A JSON copy, not structuredClone: under Jest, structuredClone makes objects of another realm,
    // which the interpreter does not take for plain objects (it would leave nested Parameters unresolved).
    const definition = clampTimeouts(JSON.parse(JSON.stringify(spec.definition)) as Record<string, unknown>);
    if (spec.type === 'EXPRESS') {
      // An Express execution ends after 5 minutes (States.Timeout), however long its definition allows.
      const limit = this.options.expressLimitSeconds ?? EXPRESS_LIMIT_SECONDS;
      definition.TimeoutSeconds = Math.min(typeof definition.TimeoutSeconds === 'number' ? definition.TimeoutSeconds : limit, limit);
    }
    const taskResources = collectTasks(definition, spec.name);
    const taskTimeouts = takeTaskTimeouts(definition);
    const { retryWaitMs } = this.options;
    const machine = new StateMachine(definition as unknown as StateMachineDefinition);
    this.machines.set(spec.arn, { spec, machine, taskResources, taskTimeouts, ...(retryWaitMs === undefined ? {} : { retryWaits: retryWaits(definition, retryWaitMs) }) });
  }

  startExecution(input: { stateMachineArn: string; name?: string; input?: string }): { executionArn: string; startDate: Date } {
    const entry = this.machines.get(input.stateMachineArn);
    if (!entry) throw new StateMachineDoesNotExist(input.stateMachineArn);
    const name = input.name ?? randomUUID();
    const text = input.input ?? '{}';
    if (entry.spec.type === 'EXPRESS') {
      // Express starts at least once and keeps no names: each start is an execution of its own.
      const executionArn = `arn:aws:states:${this.options.region}:${this.options.accountId}:express:${entry.spec.name}:${name}:${randomUUID()}`;
      const execution = this.run(entry, executionArn, name, text);
      this.executions.set(executionArn, execution);
      return { executionArn, startDate: execution.startDate };
    }
    const executionArn = `arn:aws:states:${this.options.region}:${this.options.accountId}:execution:${entry.spec.name}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      // Standard workflows: the same name and input while running is the same execution.
      if (entry.spec.type === 'STANDARD' && existing.status === 'RUNNING' && existing.input === text) {
        return { executionArn, startDate: existing.startDate };
      }
      throw new ExecutionAlreadyExists(executionArn);
    }
    const execution = this.run(entry, executionArn, name, text);
    this.executions.set(executionArn, execution);
    return { executionArn, startDate: execution.startDate };
  }

  describeExecution(executionArn: string): Omit<Execution, 'history' | 'abort' | 'done'> {
    const { history: _h, abort: _a, done: _d, ...description } = this.execution(executionArn);
    return description;
  }

  getExecutionHistory(executionArn: string): { events: HistoryEvent[] } {
    return { events: [...this.execution(executionArn).history] };
  }

  /**
   * A state machine's executions, newest first, a page at a time as AWS pages them: up to
   * `maxResults` (default and most 1000) and a `nextToken` for the rest (here the position after
   * the page, which stays right as executions start: they go before it).
   */
  listExecutions(
    stateMachineArn: string,
    statusFilter?: string,
    page: { maxResults?: number; nextToken?: string } = {},
  ): { executions: Omit<Execution, 'history' | 'abort' | 'done' | 'input' | 'output'>[]; nextToken?: string } {
    const machine = this.machines.get(stateMachineArn);
    if (!machine) throw new StateMachineDoesNotExist(stateMachineArn);
    if (machine.spec.type === 'EXPRESS') throw new StateMachineTypeNotSupported(stateMachineArn);
    const all = [...this.executions.values()]
      .filter((e) => e.stateMachineArn === stateMachineArn && (!statusFilter || e.status === statusFilter))
      .sort((a, b) => b.startDate.getTime() - a.startDate.getTime() || b.executionArn.localeCompare(a.executionArn));
    const size = page.maxResults && page.maxResults > 0 ? Math.min(page.maxResults, 1000) : 1000;
    const start = page.nextToken === undefined ? 0 : all.findIndex((e) => pageToken(e) === page.nextToken) + 1;
    if (page.nextToken !== undefined && start === 0) throw new InvalidToken(page.nextToken);
    const executions = all
      .slice(start, start + size)
      .map(({ executionArn, stateMachineArn: arn, name, status, startDate, stopDate }) => ({ executionArn, stateMachineArn: arn, name, status, startDate, stopDate }));
    const last = executions.at(-1);
    return start + size < all.length && last ? { executions, nextToken: pageToken(last) } : { executions };
  }

  /** The state machines, as ListStateMachines names them. */
  listStateMachines(): { stateMachines: { stateMachineArn: string; name: string; type: string; creationDate: Date }[] } {
    return { stateMachines: [...this.machines.values()].map(({ spec }) => ({ stateMachineArn: spec.arn, name: spec.name, type: spec.type, creationDate: this.started })) };
  }

  /** A state machine with its definition (the template's, before the local runtime's adjustments), as DescribeStateMachine answers. */
  describeStateMachine(stateMachineArn: string): { stateMachineArn: string; name: string; type: string; status: string; definition: string; creationDate: Date } {
    const entry = this.machines.get(stateMachineArn);
    if (!entry) throw new StateMachineDoesNotExist(stateMachineArn);
    return { stateMachineArn, name: entry.spec.name, type: entry.spec.type, status: 'ACTIVE', definition: JSON.stringify(entry.spec.definition), creationDate: this.started };
  }

  stopExecution(executionArn: string, error?: string, cause?: string): { stopDate: Date } {
    const execution = this.execution(executionArn);
    if (execution.status === 'RUNNING') {
      Object.assign(execution, { error, cause });
      execution.abort();
    }
    return { stopDate: execution.stopDate ?? new Date() };
  }

  /**
   * What the executions of each state machine used, for cost figures: executions, state
   * transitions (states entered, as AWS bills Standard workflows) and total duration (what
   * Express bills).
   */
  usage(): Record<string, { type: 'STANDARD' | 'EXPRESS'; executions: number; transitions: number; durationMs: number }> {
    const usage: Record<string, { type: 'STANDARD' | 'EXPRESS'; executions: number; transitions: number; durationMs: number }> = {};
    for (const execution of this.executions.values()) {
      const name = execution.stateMachineArn.split(':').at(-1) ?? execution.stateMachineArn;
      const type = this.machines.get(execution.stateMachineArn)?.spec.type ?? 'STANDARD';
      const entry = (usage[name] ??= { type, executions: 0, transitions: 0, durationMs: 0 });
      entry.executions += 1;
      entry.transitions += execution.history.filter((event) => event.type.endsWith('StateEntered')).length;
      entry.durationMs += (execution.stopDate ?? new Date()).getTime() - execution.startDate.getTime();
    }
    return usage;
  }

  /** Resolves when no execution is running. */
  async idle(): Promise<void> {
    await Promise.all([...this.executions.values()].map((e) => e.done));
  }

  /** An execution the API may answer of: Express executions have no Describe, History or Stop in AWS. */
  private execution(executionArn: string): Execution {
    if (executionArn.includes(':express:')) throw new InvalidArn(executionArn);
    const execution = this.executions.get(executionArn);
    if (!execution) throw new ExecutionDoesNotExist(executionArn);
    return execution;
  }

  private run(entry: Machine, executionArn: string, name: string, input: string): Execution {
    const startDate = new Date();
    const execution = { executionArn, stateMachineArn: entry.spec.arn, name, status: 'RUNNING', startDate, input, history: [] } as unknown as Execution;
    const overrides: TaskHandlers = Object.fromEntries(
      Object.entries(entry.taskResources).map(([state, resource]) => [
        state,
        (taskInput: unknown) => this.invokeTask(resource, taskInput, { stateMachineArn: entry.spec.arn, executionArn }, entry.taskTimeouts[state], this.overLimit(execution, state)) as ReturnType<TaskHandlers[string]>,
      ]),
    );
    const { result, abort, eventLogs } = entry.machine.run(JSON.parse(input), {
      overrides: { taskResourceLocalHandlers: overrides, ...(entry.retryWaits ? { retryIntervalOverrides: entry.retryWaits } : {}) },
      context: { Execution: { Id: executionArn, Name: name, RoleArn: 'local' }, StateMachine: { Id: entry.spec.arn, Name: entry.spec.name } },
    });
    execution.abort = abort;
    const history = new HistoryRecorder(execution.history, entry.taskResources, (event) => this.logEvent(entry.spec, executionArn, event));
    const recording = (async () => {
      for await (const event of eventLogs) history.record(event as unknown as LibraryEvent);
    })();
    // Settle only once the history is complete: a failed execution's error comes from it.
    execution.done = result.then(
      async (output) => {
        await recording;
        Object.assign(execution, { status: 'SUCCEEDED', output: JSON.stringify(output), stopDate: new Date() });
      },
      async (error: Error) => {
        await recording;
        const failed = history.failure();
        const { terminal } = execution;
        const status: ExecutionStatus = terminal ? 'FAILED' : error instanceof ExecutionTimeoutError ? 'TIMED_OUT' : error instanceof ExecutionAbortedError ? 'ABORTED' : 'FAILED';
        Object.assign(execution, {
          status,
          stopDate: new Date(),
          error: terminal?.error ?? execution.error ?? failed?.Error ?? (status === 'TIMED_OUT' ? 'States.Timeout' : undefined),
          cause: terminal?.cause ?? execution.cause ?? failed?.Cause,
        });
        this.options.log?.(`saga ${name}: ${status} ${execution.error ?? ''}${execution.cause ? `: ${execution.cause.slice(0, 300)}` : ''}`);
      },
    );
    return execution;
  }

  /**
   * Writes a history event to the state machine's log group as Step Functions does (the fields of
   * an Express execution's log: `id`, `type`, `details`, `execution_arn`…), as much as its level
   * asks; without execution data, the details lose their input, output and parameters.
   */
  private logEvent(spec: StateMachineSpec, executionArn: string, event: HistoryEvent): void {
    const logging = spec.logging;
    if (!logging || !this.options.writeLog || !LOGGED[logging.level](event.type)) return;
    const { id, previousEventId, timestamp, type, ...rest } = event;
    const details = { ...((Object.values(rest)[0] as Record<string, unknown> | undefined) ?? {}) };
    if (!logging.includeExecutionData) for (const field of ['input', 'output', 'parameters']) delete details[field];
    const document = { id: String(id), type, details, previous_event_id: String(previousEventId), event_timestamp: String(timestamp.getTime()), execution_arn: executionArn, redrive_count: '0' };
    this.options.writeLog(logging.logGroupName, `states/${spec.name}`, document, timestamp.getTime());
  }

  /**
   * What a task does with data over the payload quota: the execution fails with
   * States.DataLimitExceeded, which no Catch of States.ALL takes (AWS calls it terminal), so the
   * runtime ends it rather than throwing into the state machine's catchers.
   */
  private overLimit(execution: Execution, state: string): (what: 'input' | 'result', bytes: number) => never {
    return (what, bytes) => {
      execution.terminal = {
        error: 'States.DataLimitExceeded',
        cause: `The state/task '${state}' ${what === 'input' ? 'was given an input' : 'returned a result'} of ${bytes} bytes, over the maximum of ${MAX_PAYLOAD_BYTES} bytes.`,
      };
      execution.abort();
      throw new Error(execution.terminal.cause);
    };
  }

  /**
   * Runs a Task's Lambda locally. A function error must reach Retry/Catch as AWS delivers it: the
   * error name is the errorType, the Cause is the Lambda error as JSON. An error that is not the
   * function's own (the role may not invoke it) reaches them as it is.
   */
  /**
   * Runs a task's function, timed out after the task's `TimeoutSeconds` counted from when the
   * function starts running: locally an invocation may first wait for a free execution
   * environment (AWS would have started one), and that wait is the laptop's, not the task's.
   */
  private async invokeTask(resource: string, input: unknown, task: TaskContext, timeoutSeconds: number | undefined, overLimit: (what: 'input' | 'result', bytes: number) => never): Promise<unknown> {
    const inputBytes = Buffer.byteLength(JSON.stringify(input ?? null));
    if (inputBytes > MAX_PAYLOAD_BYTES) overLimit('input', inputBytes);
    const dynamo = DYNAMODB_TASK.exec(resource);
    if (dynamo) return this.dynamoDbTask(dynamo[1]!, input, task);
    const viaIntegration = resource === LAMBDA_INVOKE;
    const { FunctionName, Payload } = viaIntegration ? (input as { FunctionName: string; Payload: unknown }) : { FunctionName: resource, Payload: input };
    let timer: NodeJS.Timeout | undefined;
    let startTimer = () => {};
    const timedOut = new Promise<never>((_, reject) => {
      startTimer = () => {
        if (timeoutSeconds === undefined) return;
        timer = setTimeout(() => reject(taskTimedOut(timeoutSeconds)), timeoutSeconds * 1000);
      };
    });
    try {
      const result = await Promise.race([this.options.invokeLambda(FunctionName, Payload, task, () => startTimer()), timedOut]);
      const resultBytes = Buffer.byteLength(JSON.stringify(result ?? null));
      if (resultBytes > MAX_PAYLOAD_BYTES) overLimit('result', resultBytes);
      return viaIntegration ? { Payload: result, StatusCode: 200, ExecutedVersion: '$LATEST' } : result;
    } catch (error) {
      if (!(error instanceof LambdaError)) throw error;
      const failure = new Error(JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, trace: error.trace }));
      failure.name = error.errorType;
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A DynamoDB integration (`arn:aws:states:::dynamodb:putItem`…): the call made as the state
   * machine's role, answering DynamoDB's response; its error named as Step Functions names it
   * (`DynamoDB.ConditionalCheckFailedException`), which Retry and Catch match.
   */
  private async dynamoDbTask(integration: string, input: unknown, task: TaskContext): Promise<unknown> {
    if (!this.options.callDynamoDb) throw new Error('this runtime has no DynamoDB for a Task to call');
    const operation = integration.charAt(0).toUpperCase() + integration.slice(1);
    try {
      return await this.options.callDynamoDb(operation, (input ?? {}) as Record<string, unknown>, task);
    } catch (error) {
      const { name, message } = error as Error;
      if (name.startsWith('DynamoDB.')) throw error;
      const failure = new Error(message);
      failure.name = `DynamoDB.${name}`;
      throw failure;
    }
  }
}

/** A task past its TimeoutSeconds fails with States.Timeout, which Retry and Catch match by name. */
function taskTimedOut(seconds: number): Error {
  const error = new Error(`the task did not finish within its TimeoutSeconds (${seconds})`);
  error.name = 'States.Timeout';
  return error;
}

/**
 * Takes each Task's TimeoutSeconds out of the definition given to the interpreter, which would
 * count it from the state's start, and returns them by state name: the runtime times the task
 * itself, from when its function starts running (see `invokeTask`).
 */
function takeTaskTimeouts(definition: Record<string, unknown>): Record<string, number> {
  const timeouts: Record<string, number> = {};
  eachState(definition, (name, state) => {
    if (state.Type === 'Task' && typeof state.TimeoutSeconds === 'number') {
      timeouts[name] = state.TimeoutSeconds;
      delete state.TimeoutSeconds;
    }
  });
  return timeouts;
}

/** The states that retry (a `Retry` field), each pausing `ms` before every retry (the interpreter's retryIntervalOverrides). */
function retryWaits(definition: Record<string, unknown>, ms: number): Record<string, number> {
  const waits: Record<string, number> = {};
  eachState(definition, (name, state) => {
    if (Array.isArray(state.Retry) && state.Retry.length > 0) waits[name] = ms;
  });
  return waits;
}

/** Every state of a definition, those of Parallel branches and Map iterations too. */
function eachState(definition: Record<string, unknown>, visit: (name: string, state: Record<string, unknown>) => void): void {
  const walk = (states: Record<string, Record<string, unknown>>) => {
    for (const [name, state] of Object.entries(states)) {
      visit(name, state);
      for (const branch of (state.Branches as Record<string, unknown>[] | undefined) ?? []) walk(branch.States as Record<string, Record<string, unknown>>);
      const iterator = (state.ItemProcessor ?? state.Iterator) as Record<string, unknown> | undefined;
      if (iterator) walk(iterator.States as Record<string, Record<string, unknown>>);
    }
  };
  walk(definition.States as Record<string, Record<string, unknown>>);
}

type LibraryEvent = {
  type: string;
  timestamp: number;
  state?: { name: string; type: string; input: unknown; output?: unknown };
  input?: unknown;
  output?: unknown;
  Error?: string;
  Cause?: unknown;
};

/**
 * Turns the library's event log into AWS history events. As in AWS, a task given as a function
 * ARN records LambdaFunction* events and a `lambda:invoke` integration records Task* events.
 */
class HistoryRecorder {
  private lastFailure: { Error: string; Cause: string } | undefined;

  constructor(
    private readonly events: HistoryEvent[],
    private readonly taskResources: Record<string, string>,
    private readonly onEvent: (event: HistoryEvent) => void = () => {},
  ) {}

  failure(): { Error: string; Cause: string } | undefined {
    return this.lastFailure;
  }

  record(event: LibraryEvent): void {
    const state = event.state;
    const cause = event.Cause === undefined ? '' : typeof event.Cause === 'string' ? event.Cause : JSON.stringify(event.Cause);
    const resource = state?.type === 'Task' ? this.taskResources[state.name] : undefined;
    const dynamo = resource === undefined ? undefined : DYNAMODB_TASK.exec(resource);
    const task = resource === undefined ? undefined : resource === LAMBDA_INVOKE ? taskEvents('lambda', 'invoke') : dynamo ? taskEvents('dynamodb', dynamo[1]!) : lambdaFunctionEvents(resource);
    switch (event.type) {
      case 'ExecutionStarted':
        return this.add(event, 'ExecutionStarted', { executionStartedEventDetails: { input: JSON.stringify(event.input) } });
      case 'ExecutionSucceeded':
        return this.add(event, 'ExecutionSucceeded', { executionSucceededEventDetails: { output: JSON.stringify(event.output) } });
      case 'ExecutionFailed':
        this.lastFailure = { Error: event.Error ?? 'States.Runtime', Cause: cause };
        return this.add(event, 'ExecutionFailed', { executionFailedEventDetails: { error: event.Error, cause } });
      case 'ExecutionAborted':
        return this.add(event, 'ExecutionAborted', {});
      case 'ExecutionTimeout':
        return this.add(event, 'ExecutionTimedOut', {});
      case 'StateEntered':
        this.add(event, `${state?.type}StateEntered`, { stateEnteredEventDetails: { name: state?.name, input: JSON.stringify(state?.input) } });
        if (task) this.add(event, ...task.scheduled());
        return;
      case 'StateExited':
        if (task) this.add(event, ...task.succeeded(JSON.stringify(state?.output)));
        return this.add(event, `${state?.type}StateExited`, { stateExitedEventDetails: { name: state?.name, output: JSON.stringify(state?.output) } });
      case 'StateFailed':
        if (task) this.add(event, ...task.failed(event.Error, cause));
        return;
      case 'StateRetried':
        // AWS shows a retry as the task being scheduled again.
        if (task) this.add(event, ...task.scheduled());
        return;
      default:
        return;
    }
  }

  private add(event: LibraryEvent, type: string, details: Record<string, unknown>): void {
    const id = this.events.length + 1;
    const recorded: HistoryEvent = { id, previousEventId: id - 1, timestamp: new Date(event.timestamp), type, ...details };
    this.events.push(recorded);
    this.onEvent(recorded);
  }
}

type TaskHistory = {
  scheduled: () => [string, Record<string, unknown>];
  succeeded: (output: string) => [string, Record<string, unknown>];
  failed: (error: string | undefined, cause: string) => [string, Record<string, unknown>];
};

const taskEvents = (resourceType: string, resource: string): TaskHistory => ({
  scheduled: () => ['TaskScheduled', { taskScheduledEventDetails: { resourceType, resource } }],
  succeeded: (output) => ['TaskSucceeded', { taskSucceededEventDetails: { resourceType, resource, output } }],
  failed: (error, cause) => ['TaskFailed', { taskFailedEventDetails: { resourceType, resource, error, cause } }],
});

const lambdaFunctionEvents = (resource: string): TaskHistory => ({
  scheduled: () => ['LambdaFunctionScheduled', { lambdaFunctionScheduledEventDetails: { resource } }],
  succeeded: (output) => ['LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output } }],
  failed: (error, cause) => ['LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error, cause } }],
});

/** Finds every Task (also inside Parallel and Map) and its resource; refuses what cannot run here. */
function collectTasks(definition: Record<string, unknown>, machineName: string): Record<string, string> {
  const tasks: Record<string, string> = {};
  if (definition.QueryLanguage === 'JSONata') throw new Error(`${machineName}: JSONata state machines cannot run locally`);
  eachState(definition, (name, state) => {
    if (state.QueryLanguage === 'JSONata') throw new Error(`${machineName}.${name}: JSONata states cannot run locally`);
    if (state.Type !== 'Task') return;
    const resource = String(state.Resource);
    if (resource !== LAMBDA_INVOKE && !LAMBDA_ARN.test(resource) && !DYNAMODB_TASK.test(resource)) {
      throw new Error(`${machineName}.${name}: Task resource ${resource} cannot run locally (only Lambda functions and DynamoDB item calls can)`);
    }
    tasks[name] = resource;
  });
  return tasks;
}

function clampTimeouts(definition: Record<string, unknown>): Record<string, unknown> {
  const clamp = (node: Record<string, unknown>) => {
    if (typeof node.TimeoutSeconds === 'number') node.TimeoutSeconds = Math.min(node.TimeoutSeconds, MAX_TIMEOUT_SECONDS);
    for (const value of Object.values(node)) if (value && typeof value === 'object') clamp(value as Record<string, unknown>);
  };
  clamp(definition);
  return definition;
}
