import { Duration } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Fail, JitterType, JsonPath, TaskInput, Timeout, type RetryProps } from 'aws-cdk-lib/aws-stepfunctions';
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
 * The end of a saga whose compensation failed past its retries: a task that records it (given the
 * saga's subject, `$.failure` it was compensating and `$.compensationFailure`, the undo's own
 * error), retried like every undo, then the Fail state `CompensationFailed` (reached even if the
 * record cannot be written). Catch an undo into the returned task at `$.compensationFailure`.
 */
export function compensationFailureRecord(scope: Construct, name: string, recorder: LambdaFunction, subject: Record<string, unknown>): LambdaInvoke {
  const compensationFailed = new Fail(scope, 'CompensationFailed', { error: 'CompensationFailed', causePath: JsonPath.stringAt('$.compensationFailure.Cause') });
  const record = sagaTask(scope, name, recorder, { ...subject, failure: JsonPath.objectAt('$.failure'), compensationFailure: JsonPath.objectAt('$.compensationFailure') });
  record.addRetry(COMPENSATION_RETRY);
  record.addCatch(compensationFailed, { resultPath: '$.recordFailure' });
  record.next(compensationFailed);
  return record;
}
