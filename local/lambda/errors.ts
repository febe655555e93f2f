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

/** Lambda's error type when an execution environment dies under an invocation. */
export const EXIT_ERROR = 'Runtime.ExitError';

/** Lambda's error type when an invocation runs past the function's timeout. */
export const TIMEOUT_ERROR = 'Sandbox.Timedout';

/** An SQS event, as far as a fault that fails some of its messages reads it. */
export type SqsBatch = { Records: { messageId: string }[] };

/**
 * A test's fault that fails some messages of an SQS batch, not the invocation: those messages
 * are answered as batch item failures and the others run (local/faults.ts).
 */
export class FailedMessages {
  constructor(
    readonly error: LambdaError,
    readonly messageIds: ReadonlySet<string>,
  ) {}
}
