import { FailedMessages, LambdaError, TIMEOUT_ERROR, type SqsBatch } from './lambda';

/** Which invocations a fault is for: functions whose name contains `function`, and, when given, that are about this order, transfer or request. */
type FaultScope = { function: string; orderId?: string; transferId?: string; correlationId?: string };
/** Whether the failure comes before the handler (or the call) did its work, or after it: then the effects stay and only the answer is lost. */
export type FaultTiming = 'before' | 'after';

/**
 * Failures a test asks the local runtime to inject, never something production payloads can ask
 * for. Each fails the next `times` matching invocations or calls, then is gone.
 * - A function fault fails an invocation with `error`: `before` (the default) without running the
 *   handler, as a crashed or throttled Lambda would; `after` once the handler has run, its effects
 *   kept and its answer lost, as a function timing out on its way back would.
 * - A dependency fault fails a call a function makes to DynamoDB (any, or one `table`, whose name
 *   contains it, or one `operation`, or whose request contains `requestContains`) and, with an
 *   id, only a call whose request names it: `before`
 *   answers `error` instead of doing the call (`ProvisionedThroughputExceededException` for a
 *   throttle); `after` does the call and then answers `error`, so the write happened and the
 *   function does not know. An `error.name` of `Sandbox.Timedout` times the invocation out at that
 *   call instead (its environment ends, as Lambda ends one that timed out), which is how a test
 *   kills a step after the payment gateway (whose simulator keeps its records in a table) charged.
 * - A put-events fault makes the next `times` PutEvents entries fail with InternalFailure.
 */
export type Fault =
  | (FaultScope & { kind: 'function'; when?: FaultTiming; error: { name: string; message: string }; times: number })
  | (FaultScope & {
      kind: 'dependency';
      dependency: 'dynamodb';
      table?: string;
      operation?: string;
      /** Only a call whose request contains this text (an event type, say: the append of `PaymentCharged`, not of the intent before it). */
      requestContains?: string;
      when?: FaultTiming;
      error: { name: string; message: string };
      times: number;
    })
  | { kind: 'put-events'; times: number };

/** A call to a dependency, as the runtime sees it: who makes it, to which tables, the request itself. */
export type DependencyCall = { functionName: string; dependency: 'dynamodb'; operation: string; tables: string[]; request: string };

/** What to do to a dependency call: fail it with `error`, `before` or `after` doing it; or, when `timesOut`, end the invocation making it. */
export type DependencyFault = { when: FaultTiming; error: { name: string; message: string }; timesOut: boolean; scope: FaultScope };

const KINDS = new Set(['function', 'dependency', 'put-events']);

export class LocalFaults {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    if (!KINDS.has(fault?.kind)) throw new Error('a fault is of kind "function", "dependency" or "put-events"');
    if (!Number.isSafeInteger(fault.times) || fault.times < 1) throw new Error('a fault needs times: a positive whole number');
    if (fault.kind !== 'put-events') {
      if (!fault.function || !fault.error?.name) throw new Error(`a ${fault.kind} fault needs function and error.name`);
      if (fault.when !== undefined && fault.when !== 'before' && fault.when !== 'after') throw new Error('a fault\'s when is "before" or "after"');
    }
    if (fault.kind === 'dependency' && fault.dependency !== 'dynamodb') throw new Error('a dependency fault names its dependency: "dynamodb"');
    this.faults.push({ ...fault });
  }

  /** Whether any fault of this kind is waiting (a cheap check before matching a call). */
  any(kind: Fault['kind']): boolean {
    return this.faults.some((f) => f.kind === kind);
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * The error to fail this invocation with at `when`, if a fault matches (and is used up by it).
   * Before the handler, a fault about an id fails only the messages of an SQS batch that name it,
   * when the batch carries others too (another test's, perhaps, which would otherwise wait out
   * their visibility timeout): those come back as batch item failures, which every SQS mapping
   * of this app reports, and the others run.
   */
  takeFunctionFault(functionName: string, event: unknown, when: FaultTiming = 'before'): LambdaError | FailedMessages | undefined {
    for (const fault of this.faults) {
      if (fault.kind !== 'function' || (fault.when ?? 'before') !== when || !inScope(fault, functionName, (id) => concerns(event, id))) continue;
      // In a batch, the ids must be named by one message, not spread over several.
      const messages = messagesAbout(fault, event);
      if (messages?.size === 0) continue;
      this.use(fault);
      const error = new LambdaError(fault.error.name, fault.error.message);
      return when === 'before' && messages && messages.size < (event as SqsBatch).Records.length ? new FailedMessages(error, messages) : error;
    }
    return undefined;
  }

  /** What to do to this dependency call, if a fault matches (and is used up by it). */
  takeDependencyFault(call: DependencyCall): DependencyFault | undefined {
    const fault = this.faults.find(
      (f): f is Extract<Fault, { kind: 'dependency' }> =>
        f.kind === 'dependency' &&
        f.dependency === call.dependency &&
        (f.operation === undefined || f.operation === call.operation) &&
        (f.table === undefined || call.tables.some((table) => table.includes(f.table!))) &&
        (f.requestContains === undefined || call.request.includes(f.requestContains)) &&
        inScope(f, call.functionName, (id) => call.request.includes(id)),
    );
    if (!fault) return undefined;
    this.use(fault);
    const { function: fn, orderId, transferId, correlationId } = fault;
    return { when: fault.when ?? 'before', error: fault.error, timesOut: fault.error.name === TIMEOUT_ERROR, scope: { function: fn, orderId, transferId, correlationId } };
  }

  /** Whether the next PutEvents entry is to fail. */
  takePutEventsFault(): boolean {
    const fault = this.faults.find((f) => f.kind === 'put-events');
    if (!fault) return false;
    this.use(fault);
    return true;
  }

  private use(fault: Fault): void {
    fault.times -= 1;
    if (fault.times === 0) this.faults = this.faults.filter((f) => f !== fault);
  }
}

/** The ids of the messages of an SQS batch that name every id of the fault's scope; undefined for another event, or a fault about no id. */
function messagesAbout(scope: FaultScope, event: unknown): Set<string> | undefined {
  const ids = [scope.orderId, scope.transferId, scope.correlationId].filter((id): id is string => id !== undefined);
  const records = (event as Partial<SqsBatch> | null)?.Records;
  if (ids.length === 0 || !Array.isArray(records) || !records.every((r) => typeof r?.messageId === 'string')) return undefined;
  return new Set(records.filter((r) => ids.every((id) => JSON.stringify(r).includes(id))).map((r) => r.messageId));
}

/** Whether a fault's scope takes in this function and, through `names`, the ids it gives. */
function inScope(scope: FaultScope, functionName: string, names: (id: string) => boolean): boolean {
  return functionName.includes(scope.function) && [scope.orderId, scope.transferId, scope.correlationId].every((id) => id === undefined || names(id));
}

/** Whether an invocation is about this id: a saga step's input names it; a batch (SQS, stream) carries it in a record. */
export function concerns(event: unknown, id: string): boolean {
  if (event === null || typeof event !== 'object') return false;
  const record = event as Record<string, unknown>;
  if (record.orderId === id || record.transferId === id || record.correlationId === id) return true;
  return 'Records' in record && JSON.stringify(record.Records).includes(id);
}
