/**
 * Index names of the orders view, shared with the query handlers through their environment and
 * with the operator tools (lib/orders/operations.ts). A file of its own, free of the CDK, so the
 * tools and the API contract load without aws-cdk-lib.
 */
export const ORDER_INDEXES = { byCustomer: 'byCustomer', byStatus: 'byStatus', byTime: 'byTime' } as const;
