import { Duration } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Condition, Fail, JitterType, JsonPath, TaskInput, Timeout, type IChainable, type RetryProps, type TaskStateBase } from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { LAMBDA_TRANSIENT_ERRORS, RETRYABLE_ERRORS, STORE_TRANSIENT_ERRORS } from '../../functions/platform/contract/saga-errors';

/** Each task gives up after this long; the timeout is caught and compensated like any failure. */
export const SAGA_TASK_TIMEOUT = Duration.seconds(15);
/** Errors worth another try in any saga: a lost optimistic-concurrency race, a throttled or failing store, a Lambda hiccup; a saga adds its own (a gateway that did not answer). */
export const transientErrors = (own: readonly string[] = []): string[] => [...RETRYABLE_ERRORS, ...STORE_TRANSIENT_ERRORS, ...own, ...LAMBDA_TRANSIENT_ERRORS];

/**
 * Retries with full jitter (each wait drawn between zero and the backoff), so the many sagas that
 * hit one transient error together (a hot product, a gateway blip) do not retry in lockstep.
 */
const JITTERED = { interval: Duration.seconds(1), backoffRate: 2, maxDelay: Duration.seconds(8), jitterStrategy: JitterType.FULL };
/** A forward step retries only what is transient (the platform's and the saga's `own`): a business error goes straight to its Catch. */
export const forwardRetry = (own: readonly string[] = []): RetryProps => ({ errors: transientErrors(own), maxAttempts: 3, ...JITTERED });
/** An undo must not give up on the first error of any kind: it retries everything. */
export const COMPENSATION_RETRY: RetryProps = { errors: ['States.ALL'], maxAttempts: 3, ...JITTERED };

/**
 * A saga's Lambda task as every saga step is one: the payload given (with the correlation id of the
 * execution's input added), the function's answer kept at `resultPath` (or discarded), a task
 * timeout, and no retrier of CDK's own, so the console shows exactly the retrier the saga adds.
 */
export function sagaTask(scope: Construct, name: string, fn: LambdaFunction, payload: Record<string, unknown>, resultPath: string = JsonPath.DISCARD): LambdaInvoke {
  return new LambdaInvoke(scope, name, {
    lambdaFunction: fn,
    // Every step logs and appends under the correlation id of the request that started the saga.
    payload: TaskInput.fromObject({ ...payload, correlationId: JsonPath.stringAt('$.correlationId') }),
    payloadResponseOnly: true,
    resultPath,
    taskTimeout: Timeout.duration(SAGA_TASK_TIMEOUT),
    retryOnServiceExceptions: false,
  });
}

/**
 * How a saga's compensation runs to its end whatever fails. An undo that still fails after its
 * retries is caught (its error at `$.compensationFailure`) into a task of its own,
 * `Record<Undo>Failure` (the saga's one recorder, given the saga's subject, the undo's name, the
 * `$.failure` it was compensating and its own error), retried like every undo, which then goes on
 * to the undo after it, so that every undo that can succeed does; a record that cannot be written
 * goes on too. At the end of the chain, `anyUndoFailed` sends the saga to the Fail state
 * `compensationFailed` (CompensationFailed), whatever its outcome would have been.
 */
export type CompensationFailures = {
  /** Catches `undo` into its record, which goes on to `next` (by default CompensationFailed: nothing is left to undo). */
  catchInto(undo: TaskStateBase, next?: IChainable): void;
  /** The record of a failed step named `step` (its error at `$.compensationFailure`), going on to `next`. */
  recordOf(step: string, next?: IChainable): LambdaInvoke;
  /** True at the end of the chain when an undo failed on the way. */
  readonly anyUndoFailed: Condition;
  readonly compensationFailed: Fail;
};

/** See {@link CompensationFailures}; `subject` is what the saga is about (`{ orderId }`), passed to every record. */
export function compensationFailureRecord(scope: Construct, recorder: LambdaFunction, subject: Record<string, unknown>): CompensationFailures {
  const compensationFailed = new Fail(scope, 'CompensationFailed', { error: 'CompensationFailed', causePath: JsonPath.stringAt('$.compensationFailure.Cause') });
  const recordOf = (step: string, next: IChainable = compensationFailed): LambdaInvoke => {
    const payload = { ...subject, step, failure: JsonPath.objectAt('$.failure'), compensationFailure: JsonPath.objectAt('$.compensationFailure') };
    const record = sagaTask(scope, `Record${step}Failure`, recorder, payload);
    record.addRetry(COMPENSATION_RETRY);
    record.addCatch(next, { resultPath: '$.recordFailure' });
    record.next(next);
    return record;
  };
  return {
    recordOf,
    catchInto: (undo, next) => void undo.addCatch(recordOf(undo.id, next), { resultPath: '$.compensationFailure' }),
    anyUndoFailed: Condition.isPresent('$.compensationFailure'),
    compensationFailed,
  };
}
