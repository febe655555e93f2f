/**
 * Every environment variable the stack sets (lib/) and the functions read (functions/), by one
 * name each: a renamed or misspelt variable fails to compile on both sides instead of failing a
 * function at its first cold start. Pure constants, safe to import anywhere.
 */
export const ENV = {
  eventsTable: 'EVENTS_TABLE',
  snapshotsTable: 'SNAPSHOTS_TABLE',
  idempotencyTable: 'IDEMPOTENCY_TABLE',
  stockLevelsTable: 'STOCK_LEVELS_TABLE',
  paymentMethodsTable: 'PAYMENT_METHODS_TABLE',
  ordersTable: 'ORDERS_TABLE',
  ordersByCustomerIndex: 'ORDERS_BY_CUSTOMER_INDEX',
  ordersByStatusIndex: 'ORDERS_BY_STATUS_INDEX',
  productsTable: 'PRODUCTS_TABLE',
  statsTable: 'STATS_TABLE',
  orderEffectsTable: 'ORDER_EFFECTS_TABLE',
  notificationsTable: 'NOTIFICATIONS_TABLE',
  sagaFailuresTable: 'SAGA_FAILURES_TABLE',
  orderSagaArn: 'ORDER_SAGA_ARN',
  accountsTable: 'ACCOUNTS_TABLE',
  accountsByOwnerIndex: 'ACCOUNTS_BY_OWNER_INDEX',
  transactionsTable: 'TRANSACTIONS_TABLE',
  transactionsByTimeIndex: 'TRANSACTIONS_BY_TIME_INDEX',
  transfersTable: 'TRANSFERS_TABLE',
  transfersByRequesterIndex: 'TRANSFERS_BY_REQUESTER_INDEX',
  transfersByStatusIndex: 'TRANSFERS_BY_STATUS_INDEX',
  transferSagaArn: 'TRANSFER_SAGA_ARN',
  transferFailuresTable: 'TRANSFER_FAILURES_TABLE',
  eventBusName: 'EVENT_BUS_NAME',
  parkedEventsQueueUrl: 'PARKED_EVENTS_QUEUE_URL',
  effectQueueUrl: 'EFFECT_QUEUE_URL',
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
} as const;

/** The name of a variable of the contract. */
export type EnvName = (typeof ENV)[keyof typeof ENV];
