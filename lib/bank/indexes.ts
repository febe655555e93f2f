/**
 * Index names of the bank's views, shared with the query handlers through their environment and
 * with the operator tools (lib/bank/operations.ts). A file of its own, free of the CDK, so the
 * tools and the API contract load without aws-cdk-lib.
 */
export const ACCOUNT_INDEXES = { byOwner: 'byOwner' } as const;
/** Every transaction by time (a sparse index: the rows of parked events have no `feed`). */
export const TRANSACTION_INDEXES = { byTime: 'byTime' } as const;
export const TRANSFER_INDEXES = { byRequester: 'byRequester', byStatus: 'byStatus' } as const;
