/**
 * The error names the state machines match in Retry and Catch (lib/) and the functions throw
 * (functions/): the class names, kept by the bundler (`keepNames`). Each context adds its own
 * (`functions/<context>/contract/saga-errors.ts`); a unit test checks that each is the `name` of
 * the class that throws it.
 */

/** Worth another try in any saga: a lost optimistic-concurrency race. */
export const RETRYABLE_ERRORS = ['ConcurrencyError'] as const;

/** Lambda's own transient errors, as Step Functions names them. */
export const LAMBDA_TRANSIENT_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'] as const;
