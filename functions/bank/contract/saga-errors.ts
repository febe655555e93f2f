/**
 * Domain errors that mean a transfer cannot go through as asked: no funds, an account closed,
 * missing, in another currency or full, a leg out of order. The transfer saga rejects the transfer
 * (after giving the source its money back); anything else fails it.
 */
export const TRANSFER_REJECTIONS = ['InsufficientFunds', 'AccountClosed', 'AccountNotFound', 'CurrencyMismatch', 'ZeroAmount', 'InvalidTransfer', 'TransferNotFound', 'BalanceLimitReached'] as const;
