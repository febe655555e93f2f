import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { EventStore } from '../platform/event-store';
import { HandlerFunction } from '../platform/handler-function';
import { reconcileCheckpoints } from '../platform/reconcile-checkpoints';
import type { OrderSaga } from './order-saga';
import type { PaymentGatewaySimulator } from './payment-gateway';
import type { ReadModels } from './read-models';
import type { StockLevels } from './stock-levels';

export type ReconcilerProps = { eventStore: EventStore; stock: StockLevels; readModels: ReadModels; saga: OrderSaga; gateway: PaymentGatewaySimulator; every?: Duration };

/**
 * The safety net under the durable paths: every 15 minutes a function finds placed orders with no
 * saga or whose saga ended with its work left, and ended orders with a charge not refunded or
 * stock still held, and repairs them with the
 * same idempotent commands (functions/orders/reconcile/reconcile.ts; `npm run reconcile` runs it by hand).
 */
export class Reconciler extends Construct {
  readonly fn: HandlerFunction;

  constructor(scope: Construct, id: string, props: ReconcilerProps) {
    super(scope, id);
    this.fn = new HandlerFunction(this, 'Reconcile', {
      entry: 'orders/reconcile/reconcile-handler.ts',
      description: 'Finds and repairs what the durable paths missed: orders with no saga, a charge not refunded, stock still held',
      timeout: Duration.minutes(5),
    });
    props.eventStore.bindAppend(this.fn, { idempotent: false });
    props.stock.bindMove(this.fn);
    props.readModels.bindRead(this.fn, ['orders']);
    props.saga.bindRestart(this.fn);
    // It lists the executions that failed, timed out or were aborted.
    props.saga.bindList(this.fn);
    props.gateway.bind(this.fn);
    reconcileCheckpoints(this, this.fn);
    new Rule(this, 'Schedule', { description: 'Runs the orders reconciler', schedule: Schedule.rate(props.every ?? Duration.minutes(15)), targets: [new LambdaTarget(this.fn)] });
  }
}
