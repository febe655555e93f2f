/** How a rule violation is to be read: bad values, a missing thing, or a state that forbids it. */
export type DomainErrorKind = 'invalid' | 'not-found' | 'conflict';

/**
 * Base of every domain error. The class name is the error's `name`, which is also what a Step
 * Functions Retry or Catch matches on, so names are part of the contract.
 */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    message: string,
    readonly context: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class CurrencyMismatch extends DomainError {
  readonly kind = 'invalid';
  constructor(context: { expected: string; actual: string }) {
    super(`expected an amount in ${context.expected}, got ${context.actual}`, context);
  }
}

export class InvalidMoney extends DomainError {
  readonly kind = 'invalid';
  constructor(context: { amount: number; currency: string }) {
    super(`${context.amount} ${context.currency} is not an amount: use non-negative integer minor units and an ISO 4217 code`, context);
  }
}
