import { LambdaError } from './lambda';

/**
 * Failures a test asks the local runtime to inject, never something production payloads can ask
 * for. A function fault makes the next `times` invocations of the functions whose name contains
 * `function` (and, when given, whose event carries `orderId`, `transferId` or `correlationId`) fail with `error` before the handler
 * runs, as a crashed or throttled Lambda would. A bus fault makes the next `times` PutEvents
 * entries fail with InternalFailure.
 */
export type Fault =
  | { kind: 'function'; function: string; orderId?: string; transferId?: string; correlationId?: string; error: { name: string; message: string }; times: number }
  | { kind: 'put-events'; times: number };

export class LocalFaults {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    if (fault?.kind !== 'function' && fault?.kind !== 'put-events') throw new Error('a fault is of kind "function" or "put-events"');
    if (!Number.isSafeInteger(fault.times) || fault.times < 1) throw new Error('a fault needs times: a positive whole number');
    if (fault.kind === 'function' && (!fault.function || !fault.error?.name)) throw new Error('a function fault needs function and error.name');
    this.faults.push({ ...fault });
  }

  clear(): void {
    this.faults = [];
  }

  /** The error to fail this invocation with, if a fault matches (and is used up by it). */
  takeFunctionFault(functionName: string, event: unknown): LambdaError | undefined {
    const fault = this.faults.find(
      (f): f is Extract<Fault, { kind: 'function' }> =>
        f.kind === 'function' &&
        functionName.includes(f.function) &&
        (f.orderId === undefined || concerns(event, 'orderId', f.orderId)) &&
        (f.transferId === undefined || concerns(event, 'transferId', f.transferId)) &&
        (f.correlationId === undefined || concerns(event, 'correlationId', f.correlationId)),
    );
    if (!fault) return undefined;
    this.use(fault);
    return new LambdaError(fault.error.name, fault.error.message);
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

/** Whether an invocation is about this order, transfer or request: a saga step's input names it; a batch (SQS, stream) carries it in a record. */
function concerns(event: unknown, field: 'orderId' | 'transferId' | 'correlationId', id: string): boolean {
  if (event === null || typeof event !== 'object') return false;
  if ((event as Record<string, unknown>)[field] === id) return true;
  return 'Records' in event && JSON.stringify(event.Records).includes(id);
}
