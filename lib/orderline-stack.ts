import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DomainEventBus } from './platform/domain-event-bus';
import { EventStore } from './platform/event-store';
import { OrderlineHttpApi, type Throttle } from './platform/http-api';
import type { LogLevel } from '../functions/platform/observability/powertools-settings';
import { setLogLevel } from './platform/handler-function';
import { Identity, type IdentityProps } from './platform/identity';
import { Monitoring } from './platform/monitoring';
import { Notifications } from './orders/notifications';
import { OrderSaga } from './orders/order-saga';
import { PaymentMethods } from './orders/payment-methods';
import { ReadModels } from './orders/read-models';
import { Reconciler } from './orders/reconciler';
import { StockLevels } from './orders/stock-levels';
import { TransferSaga } from './bank/transfer-saga';

export type OrderlineStackProps = StackProps & {
  stage: string;
  /** Another OIDC issuer than the stack's own Cognito user pool. */
  identity?: IdentityProps;
  throttle: Throttle;
  /** Where alarms are e-mailed; without it the alarm topic has no subscriber. */
  alarmEmail?: string;
  /** The functions' log level; INFO when not given. */
  logLevel?: LogLevel;
};

/** Composes the parts; each part's details live in its own construct. */
export class OrderlineStack extends Stack {
  constructor(scope: Construct, id: string, props: OrderlineStackProps) {
    super(scope, id, props);
    const identity = new Identity(this, 'Identity', props.identity);
    const eventStore = new EventStore(this, 'EventStore');
    const stock = new StockLevels(this, 'StockLevels');
    const paymentMethods = new PaymentMethods(this, 'Payments');
    const readModels = new ReadModels(this, 'ReadModels', { eventStore });
    // One bus name per account and region: stages other than the default get their own.
    const events = new DomainEventBus(this, 'DomainEvents', { events: eventStore.table, busName: props.stage === 'dev' ? 'orderline' : `orderline-${props.stage}` });
    const saga = new OrderSaga(this, 'OrderSaga', { eventStore, stock, paymentMethods, bus: events.bus });
    const transferSaga = new TransferSaga(this, 'TransferSaga', { eventStore, bus: events.bus });
    const notifications = new Notifications(this, 'Notifications', { bus: events.bus });
    const http = new OrderlineHttpApi(this, 'Http', { eventStore, stock, readModels, saga, transferSaga, notifications, paymentMethods, identity, throttle: props.throttle });
    new Reconciler(this, 'Reconciler', { eventStore, stock, readModels, saga, transferSaga });
    if (props.logLevel) setLogLevel(this, props.logLevel);
    // Last: it watches every function created before it.
    const monitoring = new Monitoring(this, 'Monitoring', {
      stage: props.stage,
      alarmEmail: props.alarmEmail,
      saga,
      api: http.api,
      transferSaga,
      deadLetters: [readModels, events, saga, transferSaga, notifications],
    });

    new CfnOutput(this, 'EventsTableName', { value: eventStore.table.tableName });
    new CfnOutput(this, 'OrdersTableName', { value: readModels.orders.tableName });
    new CfnOutput(this, 'StockLevelsTableName', { value: stock.table.tableName });
    new CfnOutput(this, 'ProductsTableName', { value: readModels.products.tableName });
    new CfnOutput(this, 'StatsTableName', { value: readModels.stats.tableName });
    new CfnOutput(this, 'OrderSagaArn', { value: saga.stateMachine.stateMachineArn });
    new CfnOutput(this, 'SagaFailuresTableName', { value: saga.failures.tableName });
    new CfnOutput(this, 'TransferSagaArn', { value: transferSaga.stateMachine.stateMachineArn });
    new CfnOutput(this, 'TransferFailuresTableName', { value: transferSaga.failures.tableName });
    new CfnOutput(this, 'AccountsTableName', { value: readModels.accounts.tableName });
    new CfnOutput(this, 'TransactionsTableName', { value: readModels.transactions.tableName });
    new CfnOutput(this, 'TransfersTableName', { value: readModels.transfers.tableName });
    new CfnOutput(this, 'EventBusName', { value: events.bus.eventBusName });
    new CfnOutput(this, 'NotificationsTableName', { value: notifications.table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: monitoring.topic.topicArn });
    new CfnOutput(this, 'DashboardName', { value: monitoring.dashboard.dashboardName });
    // What `npm run redrive` moves: each dead-letter queue back to the queue it came from.
    for (const { id, queue, parked } of readModels.repairs) {
      new CfnOutput(this, `${id}QueueUrl`, { value: queue.queueUrl });
      new CfnOutput(this, `${id}DeadLetterQueueUrl`, { value: parked.queueUrl });
    }
    for (const effect of [...saga.effects, ...transferSaga.effects]) {
      new CfnOutput(this, `${effect.node.id}QueueUrl`, { value: effect.queue.queueUrl });
      new CfnOutput(this, `${effect.node.id}DeadLetterQueueUrl`, { value: effect.deadLetterQueue.queueUrl });
    }
  }
}
