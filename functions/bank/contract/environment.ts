/** The environment variables of the bank context, set by lib/bank and read by functions/bank (see the platform's ENV). */
export const BANK_ENV = {
  accountsTable: 'ACCOUNTS_TABLE',
  accountsByOwnerIndex: 'ACCOUNTS_BY_OWNER_INDEX',
  transactionsTable: 'TRANSACTIONS_TABLE',
  transactionsByTimeIndex: 'TRANSACTIONS_BY_TIME_INDEX',
  transfersTable: 'TRANSFERS_TABLE',
  transfersByRequesterIndex: 'TRANSFERS_BY_REQUESTER_INDEX',
  transfersByStatusIndex: 'TRANSFERS_BY_STATUS_INDEX',
  transferSagaArn: 'TRANSFER_SAGA_ARN',
  transferFailuresTable: 'TRANSFER_FAILURES_TABLE',
} as const;
