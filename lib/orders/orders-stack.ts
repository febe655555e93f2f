import { CfnOutput } from 'aws-cdk-lib';
import { Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { PUBLISHED_EVENTS } from '../../functions/orders/contract/published-events';
import { METRICS } from '../../functions/platform/observability/metric-names';
import { ContextStack, type ContextStackProps } from '../platform/context-stack';
import { contextRoutes } from '../platform/context-routes';
import { EventStore } from '../platform/event-store';
import { EventsOut } from '../platform/events-out';
import { setLogLevel } from '../platform/handler-function';
import { businessMetric, byDimension, graph, Monitoring, SAGA_ALARM_PERIOD, totalOf } from '../platform/monitoring';
import { redriveOutputs } from '../platform/redrive-outputs';
import { sagaStateMachineName } from '../platform/saga-names';
import { bindReadStoreFigures } from '../platform/store-figures';
import { Notifications } from './notifications';
import { OrderSaga } from './order-saga';
import { PaymentMethods } from './payment-methods';
import { PaymentGatewaySimulator } from './payment-gateway';
import { ReadModels } from './read-models';
import { Reconciler } from './reconciler';
import { contextInbox } from '../platform/context-inbox';
import { ORDERS_ROUTES, type OrdersBinding } from './routes';
import { StockLevels } from './stock-levels';

/** Orders lost to a technical failure (CancelledAfterFailure) per saga alarm period: a dependency is down. */
export const CANCELLED_AFTER_FAILURE_THRESHOLD = 3;

/**
 * The orders context: orders, the catalogue and its stock, payments and the order saga, on its
 * own events table, with its views, effects, reconciler, routes on the platform's API, alarms and
 * dashboard (`Orderline-<stage>-Orders`).
 */
export class OrdersStack extends ContextStack {
  constructor(scope: Construct, id: string, props: ContextStackProps) {
    super(scope, id, props);
    const { platform } = this;
    const eventStore = new EventStore(this, 'EventStore');
    const stock = new StockLevels(this, 'StockLevels');
    const paymentMethods = new PaymentMethods(this, 'Payments');
    const gateway = new PaymentGatewaySimulator(this, 'PaymentGateway');
    const readModels = new ReadModels(this, 'ReadModels', { eventStore, figures: platform.storeFigures });
    const eventsOut = new EventsOut(this, 'EventsOut', { events: eventStore.table, bus: platform.bus, published: PUBLISHED_EVENTS, entry: 'orders/events-out/forward-events.ts' });
    const saga = new OrderSaga(this, 'OrderSaga', { eventStore, stock, paymentMethods, gateway, bus: platform.bus, stateMachineName: sagaStateMachineName(this.stage, 'order'), sagaType: this.sagaType('order') });
    const notifications = new Notifications(this, 'Notifications', { bus: platform.bus });
    const bind = (fn: LambdaFunction, binding: OrdersBinding): void => {
      switch (binding) {
        case 'command':
          return eventStore.bindAppend(fn, { idempotent: true });
        case 'product-command':
          eventStore.bindAppend(fn, { idempotent: true });
          return stock.bindCreate(fn);
        case 'place':
          eventStore.bindAppend(fn, { idempotent: true });
          return paymentMethods.bindKeep(fn);
        case 'history':
          return eventStore.bindRead(fn);
        case 'products':
          stock.bindRead(fn);
          return readModels.bindRead(fn, [binding]);
        case 'orders':
          return readModels.bindRead(fn, [binding]);
        case 'stats':
          bindReadStoreFigures(fn, platform.storeFigures);
          return readModels.bindRead(fn, [binding]);
        case 'saga':
          return saga.bindInspect(fn);
        case 'notifications':
          notifications.bindRead(fn);
          return readModels.bindRead(fn, ['orders']);
      }
    };
    contextRoutes(this, platform, ORDERS_ROUTES, bind);
    const reconciler = new Reconciler(this, 'Reconciler', { eventStore, stock, readModels, saga, gateway });
    contextInbox(this, { reconciler: reconciler.fn, failureRecorders: [saga.failureRecorder] });
    if (props.logLevel) setLogLevel(this, props.logLevel);
    // Last: it watches every function created before it.
    const monitoring = new Monitoring(this, 'Monitoring', {
      dashboardName: `Orderline-${this.stage}-Orders`,
      topic: platform.alarmTopic,
      sagas: [{ name: 'order saga', stateMachine: saga.stateMachine, taskFunctions: saga.taskFunctions, inspect: 'GET /orders/{id}/saga' }],
      deadLetters: [readModels, eventsOut, saga, notifications],
      alarms: () => [
        {
          id: 'CancelledAfterFailure',
          name: 'orders cancelled after a failure',
          description: `At least ${CANCELLED_AFTER_FAILURE_THRESHOLD} orders were cancelled after a technical failure in ${SAGA_ALARM_PERIOD.toMinutes()} minutes: a dependency (payment gateway, a table) is likely down.`,
          metric: businessMetric(METRICS.CancelledAfterFailure, Stats.SUM, SAGA_ALARM_PERIOD),
          threshold: CANCELLED_AFTER_FAILURE_THRESHOLD,
        },
      ],
      widgets: [
        [
          graph('Orders', [businessMetric(METRICS.OrdersPlaced, Stats.SUM), businessMetric(METRICS.OrdersConfirmed, Stats.SUM), totalOf(METRICS.OrdersRejected), totalOf(METRICS.OrdersCancelled)]),
          graph('Orders rejected, by reason', [byDimension(METRICS.OrdersRejected, Stats.SUM)]),
          graph('Orders cancelled, by whom', [byDimension(METRICS.OrdersCancelled, Stats.SUM)]),
        ],
        [
          graph('Saga failures', [METRICS.CancelledAfterFailure, METRICS.CompensationFailed, METRICS.PaymentsDeclined].map((metric) => businessMetric(metric, Stats.SUM))),
          graph('Saga compensations, by step', [byDimension(METRICS.SagaCompensations, Stats.SUM)]),
          graph('Place to confirmed (ms)', [Stats.p(50), Stats.p(90), Stats.p(99)].map((statistic) => businessMetric(METRICS.PlaceToConfirmedLatency, statistic).with({ label: statistic }))),
        ],
        [graph('Projection lag (ms, maximum)', [byDimension(METRICS.ProjectionLag, Stats.MAXIMUM)])],
      ],
    });

    new CfnOutput(this, 'OrdersEventsTableName', { value: eventStore.table.tableName });
    new CfnOutput(this, 'OrdersTableName', { value: readModels.orders.tableName });
    new CfnOutput(this, 'StockLevelsTableName', { value: stock.table.tableName });
    new CfnOutput(this, 'ProductsTableName', { value: readModels.products.tableName });
    new CfnOutput(this, 'StatsTableName', { value: readModels.stats.tableName });
    new CfnOutput(this, 'OrderSagaArn', { value: saga.stateMachine.stateMachineArn });
    if (saga.machine.runs) {
      new CfnOutput(this, 'OrderSagaRunsTableName', { value: saga.machine.runs.tableName });
      new CfnOutput(this, 'OrderSagaLogGroupName', { value: saga.machine.log.logGroupName });
    }
    new CfnOutput(this, 'PaymentGatewayLedgerTableName', { value: gateway.ledger.tableName });
    new CfnOutput(this, 'SagaFailuresTableName', { value: saga.failures.tableName });
    new CfnOutput(this, 'NotificationsTableName', { value: notifications.table.tableName });
    new CfnOutput(this, 'OrdersDashboardName', { value: monitoring.dashboard.dashboardName });
    redriveOutputs(this, readModels.repairs, saga.effects);
  }
}
