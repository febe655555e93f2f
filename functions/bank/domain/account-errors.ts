import { DomainError } from '../../platform/domain/errors';

export class AccountNotFound extends DomainError {
  readonly kind = 'not-found';
  constructor(context: { accountId: string }) {
    super(`account ${context.accountId} does not exist`, context);
  }
}

export class AccountAlreadyExists extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { accountId: string }) {
    super(`account ${context.accountId} already exists`, context);
  }
}

export class AccountClosed extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { accountId: string }) {
    super(`account ${context.accountId} is closed`, context);
  }
}

/** A withdrawal or a debit larger than the balance: accounts have no overdraft. */
export class InsufficientFunds extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { accountId: string; balance: number; amount: number; currency: string }) {
    super(`account ${context.accountId} holds ${context.balance} ${context.currency} minor units, less than the ${context.amount} asked for`, context);
  }
}

/** Closing an account that still holds money. */
export class AccountNotEmpty extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { accountId: string; balance: number; currency: string }) {
    super(`account ${context.accountId} still holds ${context.balance} ${context.currency} minor units: withdraw them before closing it`, context);
  }
}

/** A deposit, withdrawal or transfer leg of nothing. */
export class ZeroAmount extends DomainError {
  readonly kind = 'invalid';
  constructor(context: { accountId: string }) {
    super(`an amount moved on account ${context.accountId} must be more than zero`, context);
  }
}

/** A deposit or a credit past the most an account may hold (half of 2^53 − 1: a refund on top always stays exact). */
export class BalanceLimitReached extends DomainError {
  readonly kind = 'conflict';
  constructor(context: { accountId: string; balance: number; amount: number; limit: number; currency: string }) {
    super(`account ${context.accountId} may hold at most ${context.limit} ${context.currency} minor units: it holds ${context.balance}, and ${context.amount} more would pass that`, context);
  }
}
