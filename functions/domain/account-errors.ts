import { DomainError } from './errors';

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
