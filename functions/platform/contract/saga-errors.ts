/**
 * The error names the state machines match in Retry and Catch (lib/) and the functions throw
 * (functions/): the class names, kept by the bundler (`keepNames`). Each context adds its own
 * (`functions/<context>/contract/saga-errors.ts`); a unit test checks that each is the `name` of
 * the class that throws it.
 */

/** Worth another try in any saga: a lost optimistic-concurrency race. */
export const RETRYABLE_ERRORS = ['ConcurrencyError'] as const;

/**
 * The store's transient failures, worth another try in any saga: the event store's own
 * `StoreThrottled` (a transaction cancelled for capacity), and DynamoDB's names for capacity,
 * throttling, a service hiccup or a transaction in the way, as a step throws them once the SDK's
 * own retries are spent. Without them in a Retry, one throttled call sends a saga straight to
 * compensation. The projections retry the same names (and never park an event for them).
 */
export const STORE_TRANSIENT_ERRORS = [
  'StoreThrottled',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TransactionInProgressException',
] as const;

/** Lambda's own transient errors, as Step Functions names them. */
export const LAMBDA_TRANSIENT_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'] as const;
