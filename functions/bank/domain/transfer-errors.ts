import { DomainError } from '../../platform/domain/errors';

export class TransferNotFound extends DomainError {
  readonly kind = 'not-found';
  constructor(context: { transferId: string }) {
    super(`transfer ${context.transferId} does not exist`, context);
  }
}

/** A transfer from an account to itself, or a leg out of order (a credit before the debit). */
export class InvalidTransfer extends DomainError {
  readonly kind = 'invalid';
  constructor(context: { transferId: string; why: string }) {
    super(`transfer ${context.transferId}: ${context.why}`, context);
  }
}
