/** The environment variables of the orders context, set by lib/orders and read by functions/orders (see the platform's ENV). */
export const ORDERS_ENV = {
  stockLevelsTable: 'STOCK_LEVELS_TABLE',
  paymentMethodsTable: 'PAYMENT_METHODS_TABLE',
  paymentGatewayLedgerTable: 'PAYMENT_GATEWAY_LEDGER_TABLE',
  ordersTable: 'ORDERS_TABLE',
  ordersByCustomerIndex: 'ORDERS_BY_CUSTOMER_INDEX',
  ordersByStatusIndex: 'ORDERS_BY_STATUS_INDEX',
  ordersByTimeIndex: 'ORDERS_BY_TIME_INDEX',
  productsTable: 'PRODUCTS_TABLE',
  statsTable: 'STATS_TABLE',
  orderEffectsTable: 'ORDER_EFFECTS_TABLE',
  notificationsTable: 'NOTIFICATIONS_TABLE',
  sagaFailuresTable: 'SAGA_FAILURES_TABLE',
  orderSagaArn: 'ORDER_SAGA_ARN',
} as const;
