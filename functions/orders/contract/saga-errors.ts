/** The order saga's own error names (see the platform's saga-errors contract). */

/** Worth another try in the order saga, besides the platform's: a payment gateway that did not answer. */
export const ORDER_RETRYABLE_ERRORS = ['PaymentGatewayUnavailable'] as const;

/**
 * Domain errors that mean the order cannot go through as placed: the saga rejects the order.
 * Anything else (a timeout, a bug, a service that stays down) cancels it as a failure.
 */
export const BUSINESS_REJECTIONS = ['InsufficientStock', 'PaymentDeclined', 'ProductNotFound', 'InvalidOrderTransition', 'NoReservation'] as const;
