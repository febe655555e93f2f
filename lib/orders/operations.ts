import { PUBLISHED_EVENTS } from '../../functions/orders/contract/published-events';
import { eventSchemas, ORDER_AGGREGATES } from '../../functions/orders/domain';
import { paymentGateway } from '../../functions/orders/payments/gateway-from-env';
import { orderProjection } from '../../functions/orders/projections/order-projector';
import { productProjection } from '../../functions/orders/projections/product-projector';
import { statsProjection } from '../../functions/orders/projections/stats-projector';
import { reconcile } from '../../functions/orders/reconcile/reconcile';
import { stockLevels } from '../../functions/orders/stock/stock-levels';
import { ORDERS_OPERATIONS, ORDERS_SCHEMAS } from '../../functions/orders/http/openapi';
import { createEventStore } from '../../functions/platform/eventstore';
import { sagaExecutions } from '../../functions/platform/saga/saga-executions';
import { ENV } from '../../functions/platform/contract/environment';
import type { ContextOperations } from '../platform/operations';
import { ORDER_INDEXES } from './indexes';

/** The orders context, as the operator tools see it. */
export const operations: ContextOperations = {
  name: 'orders',
  api: { operations: ORDERS_OPERATIONS, schemas: ORDERS_SCHEMAS },
  bus: { aggregates: ORDER_AGGREGATES, published: PUBLISHED_EVENTS },
  eventsOutput: 'OrdersEventsTableName',
  schemas: eventSchemas,
  views: {
    orders: { output: 'OrdersTableName', projection: orderProjection },
    products: { output: 'ProductsTableName', projection: productProjection },
    stats: { output: 'StatsTableName', projection: statsProjection },
  },
  reconcile: {
    idFlag: 'order',
    run: ({ output, optionalOutput, client, sfn, graceMs, lookbackMs, ids }) =>
      reconcile({
        store: createEventStore({ client, tableName: output('OrdersEventsTableName'), schemas: eventSchemas }),
        levels: stockLevels(client, output('StockLevelsTableName')),
        client,
        executions: sagaExecutions(sfn, output('OrderSagaArn'), client, { [ENV.sagaRunsTable]: optionalOutput('OrderSagaRunsTableName') }),
        gateway: paymentGateway(client, output('PaymentGatewayLedgerTableName')),
        ordersTable: output('OrdersTableName'),
        ordersByStatusIndex: ORDER_INDEXES.byStatus,
        sagaGraceMs: graceMs,
        lookbackMs,
        orderIds: ids,
      }),
  },
};
