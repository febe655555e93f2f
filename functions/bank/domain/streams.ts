/** The event-store stream of a bank account. */
export const accountStreamId = (accountId: string): string => `account#${accountId}`;

/** The event-store stream of a money transfer: what its saga did, each leg once. */
export const transferStreamId = (transferId: string): string => `transfer#${transferId}`;

/** The aggregates of the bank context; a stream id is `<aggregate>#<id>`. */
export const BANK_AGGREGATES = ['account', 'transfer'] as const;
export type BankAggregate = (typeof BANK_AGGREGATES)[number];
