/**
 * The error names the state machines match in Retry and Catch (lib/) and the functions throw
 * (functions/): the class names, kept by the bundler (`keepNames`). A unit test checks that each
 * is the `name` of the class that throws it.
 */

/** Our errors worth another try: a lost optimistic-concurrency race, a gateway that did not answer. */
export const RETRYABLE_ERRORS = ['ConcurrencyError', 'PaymentGatewayUnavailable'] as const;

/** Lambda's own transient errors, as Step Functions names them. */
export const LAMBDA_TRANSIENT_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'] as const;

/**
 * Domain errors that mean the order cannot go through as placed: the saga rejects the order.
 * Anything else (a timeout, a bug, a service that stays down) cancels it as a failure.
 */
export const BUSINESS_REJECTIONS = ['InsufficientStock', 'PaymentDeclined', 'ProductNotFound', 'InvalidOrderTransition', 'NoReservation'] as const;

/**
 * Domain errors that mean a transfer cannot go through as asked: no funds, an account closed,
 * missing, in another currency or full, a leg out of order. The transfer saga rejects the transfer
 * (after giving the source its money back); anything else fails it.
 */
export const TRANSFER_REJECTIONS = ['InsufficientFunds', 'AccountClosed', 'AccountNotFound', 'CurrencyMismatch', 'ZeroAmount', 'InvalidTransfer', 'TransferNotFound', 'BalanceLimitReached'] as const;
