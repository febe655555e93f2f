import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import {
  DefinitionBody,
  Fail,
  JsonPath,
  Pass,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { EventStore } from './event-store';
import { HandlerFunction } from './handler-function';
import { consumeEventStream } from './stream-consumer';

export type OrderSagaProps = { eventStore: EventStore };

const TASK_TIMEOUT = Duration.seconds(15);

/**
 * The order saga: ReserveStock → ConfirmOrder → OrderConfirmed. Any failure is caught and
 * compensated in reverse (ReleaseStock → CancelOrder) and ends in OrderRejected with the reason;
 * a compensation that itself fails ends in CompensationFailed. A stream consumer starts one
 * execution per OrderPlaced, named by the order id so a redelivered event starts nothing new.
 *
 * Standard workflow: exactly-once start per execution name, a year of runtime for slow steps, and
 * an execution history that `GET /orders/{id}/saga` can show.
 */
export class OrderSaga extends Construct {
  readonly stateMachine: StateMachine;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: OrderSagaProps) {
    super(scope, id);
    const step = (name: string, entry: string, description: string) => {
      const fn = new HandlerFunction(this, `${name}Function`, { entry, description });
      props.eventStore.bindAppend(fn);
      return fn;
    };
    const reserveFn = step('ReserveStock', 'saga/reserve-stock.ts', 'Saga step: reserves stock for every line of an order');
    const confirmFn = step('ConfirmOrder', 'saga/confirm-order.ts', 'Saga step: confirms an order');
    const releaseFn = step('ReleaseStock', 'saga/release-stock.ts', 'Saga compensation: releases the stock an order holds');
    const cancelFn = step('CancelOrder', 'saga/cancel-order.ts', 'Saga compensation: cancels an order with the reason');

    const task = (name: string, fn: HandlerFunction, payload: Record<string, unknown>, resultPath: string) => {
      const invoke = new LambdaInvoke(this, name, {
        lambdaFunction: fn,
        payload: TaskInput.fromObject(payload),
        payloadResponseOnly: true,
        resultPath,
        taskTimeout: Timeout.duration(TASK_TIMEOUT),
      });
      // A lost optimistic-concurrency race or a throttled call is worth another try.
      invoke.addRetry({
        errors: ['ConcurrencyError', 'Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'Lambda.SdkClientException'],
        interval: Duration.seconds(1),
        backoffRate: 2,
        maxAttempts: 4,
      });
      return invoke;
    };
    const orderId = JsonPath.stringAt('$.orderId');

    const reserveStock = task('ReserveStock', reserveFn, { orderId, lines: JsonPath.listAt('$.lines') }, '$.reservation');
    const confirmOrder = task('ConfirmOrder', confirmFn, { orderId }, '$.confirmation');
    const releaseStock = task('ReleaseStock', releaseFn, { orderId, lines: JsonPath.listAt('$.lines') }, JsonPath.DISCARD);
    const cancelOrder = task('CancelOrder', cancelFn, { orderId, failure: JsonPath.objectAt('$.failure') }, '$.cancellation');

    const compensationFailed = new Fail(this, 'CompensationFailed', {
      error: 'CompensationFailed',
      causePath: JsonPath.stringAt('$.compensationFailure.Cause'),
    });
    for (const compensation of [releaseStock, cancelOrder]) {
      compensation.addCatch(compensationFailed, { resultPath: '$.compensationFailure' });
    }
    for (const forward of [reserveStock, confirmOrder]) {
      forward.addCatch(releaseStock, { resultPath: '$.failure' });
    }

    releaseStock
      .next(cancelOrder)
      .next(new Pass(this, 'Rejection', { parameters: { 'orderId.$': '$.orderId', 'reason.$': '$.cancellation.reason' } }))
      .next(new Succeed(this, 'OrderRejected'));

    const definition = reserveStock
      .next(confirmOrder)
      .next(new Pass(this, 'Confirmation', { parameters: { 'orderId.$': '$.orderId', outcome: 'confirmed' } }))
      .next(new Succeed(this, 'OrderConfirmed'));

    this.stateMachine = new StateMachine(this, 'OrderSaga', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(definition),
      timeout: Duration.minutes(5),
    });

    this.deadLetterQueue = new Queue(this, 'SagaStarterDeadLetters', { retentionPeriod: Duration.days(14) });
    const starter = new HandlerFunction(this, 'StartSaga', {
      entry: 'saga/start-order-saga.ts',
      description: 'Starts one order saga per OrderPlaced event',
      environment: { ORDER_SAGA_ARN: this.stateMachine.stateMachineArn },
    });
    this.stateMachine.grantStartExecution(starter);
    consumeEventStream({
      fn: starter,
      table: props.eventStore.table as Table,
      deadLetterQueue: this.deadLetterQueue,
      match: { eventTypes: ['OrderPlaced'] },
      batchSize: 10,
    });
  }
}
