import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventField, Rule, RuleTargetInput, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { deadLetterQueue, type HasDeadLetterQueues } from '../platform/dead-letter-queue';
import { Construct } from 'constructs';
import { HandlerFunction } from '../platform/handler-function';
import { grantTable } from '../platform/table-access';
import { busSource } from '../../functions/platform/contract/bus';
import type { OrderEvent } from '../../functions/orders/domain/order';
import { ORDERS_ENV } from '../../functions/orders/contract/environment';

/** How often the bus retries the notifying function before the event goes to the dead-letter queue. */
const NOTIFY_RETRIES = 4;

export type NotificationsProps = { bus: IEventBus };

/** The order events a customer is told about. */
export const NOTIFIED_EVENTS: OrderEvent['type'][] = ['OrderConfirmed', 'OrderRejected', 'OrderCancelled', 'OrderShipped'];

/**
 * A consumer of the bus: a rule on the order events customers hear about feeds a function that
 * records one notification per event (idempotent by event id), read by
 * `GET /orders/{id}/notifications`.
 */
export class Notifications extends Construct implements HasDeadLetterQueues {
  readonly table: Table;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    this.table = new Table(this, 'Notifications', {
      partitionKey: { name: 'orderId', type: AttributeType.STRING },
      sortKey: { name: 'eventId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const notify = new HandlerFunction(this, 'Notify', {
      entry: 'orders/notifications/notify.ts',
      description: 'Records a notification for an order event from the bus',
      environment: { [ORDERS_ENV.notificationsTable]: this.table.tableName },
    });
    grantTable(notify, this.table, ['PutItem']);
    this.deadLetterQueue = deadLetterQueue(this, 'NotifyDeadLetters', { kind: 'bus-target', source: 'NotifyCustomers', attempts: NOTIFY_RETRIES + 1 });
    new Rule(this, 'NotifyCustomers', {
      eventBus: props.bus,
      description: 'Order events a customer is told about',
      eventPattern: { source: [busSource('order')], detailType: NOTIFIED_EVENTS },
      targets: [
        new LambdaTarget(notify, {
          // The function gets what it needs, not the envelope.
          event: RuleTargetInput.fromObject({
            orderId: EventField.fromPath('$.detail.data.orderId'),
            eventId: EventField.fromPath('$.detail.eventId'),
            eventType: EventField.fromPath('$.detail-type'),
            at: EventField.fromPath('$.detail.at'),
            reason: EventField.fromPath('$.detail.data.reason'),
            correlationId: EventField.fromPath('$.detail.correlationId'),
          }),
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: NOTIFY_RETRIES,
          maxEventAge: Duration.hours(2),
        }),
      ],
    });
  }

  get deadLetterQueues(): readonly Queue[] {
    return [this.deadLetterQueue];
  }

  /** Lets a query function read the notifications. */
  bindRead(fn: LambdaFunction): void {
    grantTable(fn, this.table, ['Query']);
    fn.addEnvironment(ORDERS_ENV.notificationsTable, this.table.tableName);
  }
}
