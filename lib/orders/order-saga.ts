import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Choice, Condition, Fail, JsonPath, Pass, type StateMachine, Succeed } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { EventStore } from '../platform/event-store';
import type { StockLevels } from './stock-levels';
import type { HasDeadLetterQueues } from '../platform/dead-letter-queue';
import { DurableEffect } from '../platform/durable-effect';
import type { PaymentMethods } from './payment-methods';
import type { PaymentGatewaySimulator } from './payment-gateway';
import { grantTable } from '../platform/table-access';
import { HandlerFunction } from '../platform/handler-function';
import { COMPENSATION_RETRY, compensationFailureRecord, forwardRetry, sagaTask } from '../platform/saga-tasks';
import { ORDER_RETRYABLE_ERRORS } from '../../functions/orders/contract/saga-errors';
import { compensationFailuresTable, grantReadExecutions, sagaStateMachine, type SagaMachine, type SagaType } from '../platform/saga-state-machine';
import { busSource } from '../../functions/platform/contract/bus';
import type { OrderEvent } from '../../functions/orders/domain/order';
import { ORDERS_ENV } from '../../functions/orders/contract/environment';

export type OrderSagaProps = { eventStore: EventStore; stock: StockLevels; paymentMethods: PaymentMethods; gateway: PaymentGatewaySimulator; bus: IEventBus; stateMachineName: string; sagaType?: SagaType };

/** A forward step of the order saga retries the platform's transient errors and a payment gateway that did not answer. */
const FORWARD_RETRY = forwardRetry(ORDER_RETRYABLE_ERRORS);

/**
 * The order saga, as a person reads it in the console:
 *
 *   ReserveStock → ChargePayment → CommitStock → ConfirmOrder → OrderConfirmed
 *
 * An order is confirmed (and so may ship) only once its stock is committed. A failing step is
 * caught and compensated in reverse, from its own undo (a timed-out step may have done its work,
 * and every undo is a no-op when there is nothing to undo; ReleaseStock returns stock already
 * committed, as when ConfirmOrder finds the order cancelled meanwhile):
 *
 *   RefundPayment → ReleaseStock → CancelOrder → OrderRejected (a business rejection: Succeed)
 *                                              → CancelledAfterFailure (anything else: Fail)
 *
 * An undo that still fails after its retries records itself in the saga failures table
 * (Record<Undo>Failure: one row per order, listing every undo that failed) and the chain goes on
 * to the next undo, so every undo that can succeed does; the saga then ends in
 * CompensationFailed. A stream consumer starts one execution per OrderPlaced, named by the order
 * id, so a redelivered event starts nothing new (Standard refuses the name again; an Express run
 * finds its name claimed and ends: see sagaStateMachine). Standard unless `-c sagaType=express`.
 */
export class OrderSaga extends Construct implements HasDeadLetterQueues {
  readonly stateMachine: StateMachine;
  /** The state machine, and an Express saga's runs table and log. */
  readonly machine: SagaMachine;
  /** The durable paths of the effects around the saga: its start, and undoing a customer's cancellation. */
  readonly effects: DurableEffect[];
  /** One row per order whose compensation failed: what a person (and an alarm) looks at. */
  readonly failures: Table;
  /**
   * The functions the saga's Tasks run. They throw on purpose (a business rejection, a lost race
   * to retry) and the saga catches, retries or compensates: their Lambda error count is control
   * flow, not an alarm; the saga's outcomes are.
   */
  readonly taskFunctions: LambdaFunction[] = [];
  /** The step that records a compensation that failed (and puts it in the operator's inbox). */
  readonly failureRecorder: HandlerFunction;

  constructor(scope: Construct, id: string, props: OrderSagaProps) {
    super(scope, id);
    this.failures = compensationFailuresTable(this, 'SagaFailures', 'orderId');
    // The stock steps move stock levels in the same transactions as their events.
    const movesStock = new Set(['ReserveStock', 'CommitStock', 'ReleaseStock']);
    // The payment steps call the gateway (and settle an attempt whose answer was lost).
    const callsGateway = new Set(['ChargePayment', 'RefundPayment']);
    const step = (name: string, entry: string, description: string) => {
      const fn = new HandlerFunction(this, `${name}Function`, { entry, description });
      this.taskFunctions.push(fn);
      props.eventStore.bindAppend(fn, { idempotent: false });
      if (movesStock.has(name)) props.stock.bindMove(fn);
      if (callsGateway.has(name)) props.gateway.bind(fn);
      return fn;
    };
    const orderId = JsonPath.stringAt('$.orderId');
    const lines = JsonPath.listAt('$.lines');
    const forward = (name: string, entry: string, description: string, payload: Record<string, unknown>, resultPath = JsonPath.DISCARD) =>
      sagaTask(this, name, step(name, entry, description), payload, resultPath).addRetry(FORWARD_RETRY);
    const compensation = (name: string, entry: string, description: string, payload: Record<string, unknown>, resultPath = JsonPath.DISCARD) =>
      sagaTask(this, name, step(name, entry, description), payload, resultPath).addRetry(COMPENSATION_RETRY);

    const reserveStock = forward('ReserveStock', 'orders/saga/reserve-stock.ts', 'Saga step: reserves stock for every line of an order', { orderId, lines });
    const chargeFunction = step('ChargePayment', 'orders/saga/charge-payment.ts', 'Saga step: charges the order total');
    // The only reader of payment method tokens: the execution carries a reference, never a token.
    props.paymentMethods.bindCharge(chargeFunction);

    const chargePayment = sagaTask(
      this,
      'ChargePayment',
      chargeFunction,
      { orderId, total: JsonPath.objectAt('$.total'), paymentMethodRef: JsonPath.stringAt('$.paymentMethodRef') },
      '$.payment',
    ).addRetry(FORWARD_RETRY);
    const confirmOrder = forward('ConfirmOrder', 'orders/saga/confirm-order.ts', 'Saga step: confirms an order', { orderId, placedAt: JsonPath.stringAt('$.placedAt') });
    const commitStock = forward('CommitStock', 'orders/saga/commit-stock.ts', "Saga step: turns a charged order's reservations into sales", { orderId, lines });

    const refundPayment = compensation('RefundPayment', 'orders/saga/refund-payment.ts', "Saga compensation: refunds the order's charge, if any", { orderId });
    const releaseStock = compensation('ReleaseStock', 'orders/saga/release-stock.ts', 'Saga compensation: releases the stock an order holds', { orderId, lines });
    const cancelOrder = compensation(
      'CancelOrder',
      'orders/saga/cancel-order.ts',
      'Saga compensation: rejects or cancels an order with the reason',
      { orderId, failure: JsonPath.objectAt('$.failure') },
      '$.outcome',
    );

    const recorder = (this.failureRecorder = new HandlerFunction(this, 'RecordCompensationFailureFunction', {
      entry: 'orders/saga/record-compensation-failure.ts',
      description: 'Saga: records a compensation that failed, for a person to resolve',
      environment: { [ORDERS_ENV.sagaFailuresTable]: this.failures.tableName },
    }));
    this.taskFunctions.push(recorder);
    grantTable(recorder, this.failures, ['UpdateItem']);
    const failures = compensationFailureRecord(this, recorder, { orderId });
    failures.catchInto(refundPayment, releaseStock);
    failures.catchInto(releaseStock, cancelOrder);
    failures.catchInto(cancelOrder);

    reserveStock.addCatch(releaseStock, { resultPath: '$.failure' });
    for (const step of [chargePayment, commitStock, confirmOrder]) step.addCatch(refundPayment, { resultPath: '$.failure' });

    refundPayment
      .next(releaseStock)
      .next(cancelOrder)
      .next(
        new Choice(this, 'RejectedOrFailed')
          // An undo that failed outweighs the outcome: a person has to finish it.
          .when(failures.anyUndoFailed, failures.compensationFailed)
          .when(
            Condition.stringEquals('$.outcome.outcome', 'rejected'),
            new Pass(this, 'Rejection', { parameters: { 'orderId.$': '$.orderId', outcome: 'rejected', 'reason.$': '$.outcome.reason' } }).next(
              new Succeed(this, 'OrderRejected'),
            ),
          )
          .otherwise(
            // The customer got a fixed notice; the execution keeps what actually went wrong.
      new Fail(this, 'CancelledAfterFailure', { errorPath: JsonPath.stringAt('$.failure.Error'), causePath: JsonPath.stringAt('$.outcome.detail') }),
          ),
      );

    const definition = reserveStock
      .next(chargePayment)
      .next(commitStock)
      .next(confirmOrder)
      .next(new Pass(this, 'Confirmation', { parameters: { 'orderId.$': '$.orderId', outcome: 'confirmed', 'chargeId.$': '$.payment.chargeId' } }))
      .next(new Succeed(this, 'OrderConfirmed'));

    // Its timeout (SAGA_TIMEOUT) is longer than the slowest path the definition allows (every
    // step's tries timing out, then every compensation's and its failure record's: about 11
    // minutes; the stack test checks it), so it never cuts off a record or an undo.
    this.machine = sagaStateMachine(this, 'OrderSaga', definition, props.stateMachineName, props.sagaType);
    this.stateMachine = this.machine.stateMachine;

    // Effects that must happen, on durable paths from the bus (see DurableEffect).
    const starter = new DurableEffect(this, 'StartSaga', {
      bus: props.bus,
      pattern: { source: [busSource('order')], detailType: ['OrderPlaced' satisfies OrderEvent['type']] },
      handler: { entry: 'orders/saga/start-order-saga.ts', description: 'Starts one order saga per OrderPlaced', environment: { [ORDERS_ENV.orderSagaArn]: this.stateMachine.stateMachineArn } },
    });
    this.stateMachine.grantStartExecution(starter.fn);
    // Outside the saga: a customer's cancellation gives back the money and the stock.
    const undoCancellation = new DurableEffect(this, 'UndoCustomerCancellation', {
      bus: props.bus,
      pattern: { source: [busSource('order')], detailType: ['OrderCancelled' satisfies OrderEvent['type']], detail: { data: { by: ['customer'] } } },
      handler: { entry: 'orders/saga/undo-customer-cancellation.ts', description: 'Refunds and releases the stock of an order the customer cancels' },
    });
    props.eventStore.bindAppend(undoCancellation.fn, { idempotent: false });
    props.stock.bindMove(undoCancellation.fn);
    props.gateway.bind(undoCancellation.fn);
    this.effects = [starter, undoCancellation];
  }

  /** The dead-letter queues of the effects around the saga. */
  get deadLetterQueues(): readonly IQueue[] {
    return this.effects.map((effect) => effect.deadLetterQueue);
  }

  /** Lets a function read executions, their history and the failure records (the saga route). */
  bindInspect(fn: LambdaFunction): void {
    grantReadExecutions(this.machine, fn, ['states:DescribeExecution', 'states:GetExecutionHistory']);
    grantTable(fn, this.failures, ['GetItem']);
    fn.addEnvironment(ORDERS_ENV.orderSagaArn, this.stateMachine.stateMachineArn);
    fn.addEnvironment(ORDERS_ENV.sagaFailuresTable, this.failures.tableName);
  }

  /** Lets a function list the saga's executions (ListExecutions is on the state machine). */
  bindList(fn: LambdaFunction): void {
    grantReadExecutions(this.machine, fn, [], ['states:ListExecutions']);
    fn.addEnvironment(ORDERS_ENV.orderSagaArn, this.stateMachine.stateMachineArn);
  }

  /** Lets a function find out whether an order has a saga and start the one it lacks (the reconciler). */
  bindRestart(fn: LambdaFunction): void {
    grantReadExecutions(this.machine, fn, ['states:DescribeExecution']);
    this.stateMachine.grantStartExecution(fn);
    fn.addEnvironment(ORDERS_ENV.orderSagaArn, this.stateMachine.stateMachineArn);
  }
}
