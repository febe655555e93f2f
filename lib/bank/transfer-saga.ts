import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Choice, Condition, Fail, JsonPath, Pass, Result, type StateMachine, Succeed } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { busSource } from '../../functions/platform/contract/bus';
import type { TransferEvent } from '../../functions/bank/domain/transfer';
import type { LegOutcome } from '../../functions/bank/saga/transfer-legs';
import type { HasDeadLetterQueues } from '../platform/dead-letter-queue';
import { DurableEffect } from '../platform/durable-effect';
import type { EventStore } from '../platform/event-store';
import { HandlerFunction } from '../platform/handler-function';
import { compensationFailuresTable, grantReadExecutions, sagaStateMachine, type SagaMachine, type SagaType } from '../platform/saga-state-machine';
import { COMPENSATION_RETRY, compensationFailureRecord, forwardRetry, sagaTask } from '../platform/saga-tasks';
import { grantTable } from '../platform/table-access';
import { BANK_ENV } from '../../functions/bank/contract/environment';

export type TransferSagaProps = { eventStore: EventStore; bus: IEventBus; stateMachineName: string; sagaType?: SagaType };

/** A leg retries the platform's transient errors only. */
const FORWARD_RETRY = forwardRetry();

/**
 * The money-transfer saga, on the same blocks as the order saga (sagaTask, its retries, a
 * state machine, Standard or Express, started from the bus by a durable effect, a failure record):
 *
 *   DebitSource → CreditTarget → CompleteTransfer → TransferCompleted
 *
 * A failing leg is caught and the source refunded (a no-op when nothing was debited: a timed-out
 * debit may have happened), then the transfer ends:
 *
 *   RefundSource → EndTransfer → TransferRejected (a business refusal: Succeed)
 *                              → TransferFailed (anything else: Fail)
 *
 * unless the refund finds the target credited after all (a credit step that failed after its
 * write): then it goes on to CompleteTransfer.
 *
 * A refund that still fails after its retries records itself in the transfer failures table
 * (RecordRefundSourceFailure) and the chain goes on to EndTransfer, which tries the refund once
 * more before it ends the transfer (the domain ends no transfer whose debit is not refunded); an
 * end or a completion that still fails records itself too. Any of these ends the saga in
 * CompensationFailed, and the record (one row per transfer) names every step that failed, with
 * where the transfer stood when it did. Each leg moves the money and records itself on the
 * transfer's stream in one transaction, once, so the retries can never move it twice.
 */
export class TransferSaga extends Construct implements HasDeadLetterQueues {
  readonly stateMachine: StateMachine;
  /** The state machine, and an Express saga's runs table and log. */
  readonly machine: SagaMachine;
  readonly failures: Table;
  /** Its start from the bus. */
  readonly effects: DurableEffect[];
  /** The functions its Tasks run: they throw on purpose, so their Lambda error count is control flow, not an alarm. */
  readonly taskFunctions: LambdaFunction[] = [];
  /** The step that records a compensation that failed (and puts it in the operator's inbox). */
  readonly failureRecorder: HandlerFunction;

  constructor(scope: Construct, id: string, props: TransferSagaProps) {
    super(scope, id);
    this.failures = compensationFailuresTable(this, 'TransferFailures', 'transferId');
    const step = (name: string, entry: string, description: string) => {
      const fn = new HandlerFunction(this, `${name}Function`, { entry, description });
      this.taskFunctions.push(fn);
      props.eventStore.bindAppend(fn, { idempotent: false });
      return fn;
    };
    const transferId = JsonPath.stringAt('$.transferId');
    const task = (name: string, entry: string, description: string, payload: Record<string, unknown> = {}, resultPath = JsonPath.DISCARD) =>
      sagaTask(this, name, step(name, entry, description), { transferId, ...payload }, resultPath);

    const debit = task('DebitSource', 'bank/saga/debit-source.ts', 'Transfer saga step: takes the amount from the source account').addRetry(FORWARD_RETRY);
    const credit = task('CreditTarget', 'bank/saga/credit-target.ts', 'Transfer saga step: puts the amount into the target account').addRetry(FORWARD_RETRY);
    // Recording what already happened: retried like an undo, since the money has moved.
    const complete = task('CompleteTransfer', 'bank/saga/complete-transfer.ts', 'Transfer saga step: records the transfer as completed').addRetry(COMPENSATION_RETRY);
    const refund = task('RefundSource', 'bank/saga/refund-source.ts', 'Transfer saga compensation: gives the source back what was debited', {}, '$.refund').addRetry(COMPENSATION_RETRY);
    const end = task('EndTransfer', 'bank/saga/end-transfer.ts', 'Transfer saga compensation: rejects or fails the transfer with the reason', { failure: JsonPath.objectAt('$.failure') }, '$.outcome').addRetry(
      COMPENSATION_RETRY,
    );

    const recorder = (this.failureRecorder = new HandlerFunction(this, 'RecordTransferFailureFunction', {
      entry: 'bank/saga/record-transfer-failure.ts',
      description: 'Transfer saga: records a refund or completion that failed, with what is owed',
    }));
    this.taskFunctions.push(recorder);
    // It reads the transfer's stream for what is owed, and appends nothing.
    props.eventStore.bindRead(recorder);
    recorder.addEnvironment(BANK_ENV.transferFailuresTable, this.failures.tableName);
    grantTable(recorder, this.failures, ['UpdateItem']);
    const failures = compensationFailureRecord(this, recorder, { transferId });
    // A refund that failed has no outcome for CreditedAfterAll to read: the end is next, and it refunds first.
    failures.catchInto(refund, end);
    failures.catchInto(end);
    // A completion that fails had no failure before it: the record says so.
    const completionFailed = new Pass(this, 'CompletionFailed', { result: Result.fromObject({ Error: 'none', Cause: 'the transfer was credited; recording its completion failed' }), resultPath: '$.failure' });
    complete.addCatch(completionFailed.next(failures.recordOf('CompleteTransfer')), { resultPath: '$.compensationFailure' });
    for (const leg of [debit, credit]) leg.addCatch(refund, { resultPath: '$.failure' });

    // A credit step that failed after its write: the target has the money, so the transfer completes.
    refund.next(new Choice(this, 'CreditedAfterAll').when(Condition.stringEquals('$.refund.outcome', 'credited' satisfies LegOutcome), complete).otherwise(end));
    end.next(
      new Choice(this, 'RejectedOrFailed')
        // A refund that failed on the way outweighs the outcome: a person has to look.
        .when(failures.anyUndoFailed, failures.compensationFailed)
        .when(Condition.stringEquals('$.outcome.outcome', 'rejected'), new Succeed(this, 'TransferRejected', { outputPath: '$.outcome' }))
        // The customer got a fixed notice; the execution keeps what actually went wrong.
        .otherwise(new Fail(this, 'TransferFailed', { errorPath: JsonPath.stringAt('$.failure.Error'), causePath: JsonPath.stringAt('$.outcome.detail') })),
    );
    const definition = debit.next(credit).next(complete).next(new Succeed(this, 'TransferCompleted'));
    this.machine = sagaStateMachine(this, 'TransferSaga', definition, props.stateMachineName, props.sagaType);
    this.stateMachine = this.machine.stateMachine;

    const starter = new DurableEffect(this, 'StartTransfer', {
      bus: props.bus,
      pattern: { source: [busSource('transfer')], detailType: ['TransferRequested' satisfies TransferEvent['type']] },
      handler: { entry: 'bank/saga/start-transfer-saga.ts', description: 'Starts one transfer saga per TransferRequested', environment: { [BANK_ENV.transferSagaArn]: this.stateMachine.stateMachineArn } },
    });
    this.stateMachine.grantStartExecution(starter.fn);
    this.effects = [starter];
  }

  get deadLetterQueues(): readonly IQueue[] {
    return this.effects.map((effect) => effect.deadLetterQueue);
  }

  /** Lets a function list the transfer saga's executions (ListExecutions is on the state machine). */
  bindList(fn: LambdaFunction): void {
    grantReadExecutions(this.machine, fn, [], ['states:ListExecutions']);
    fn.addEnvironment(BANK_ENV.transferSagaArn, this.stateMachine.stateMachineArn);
  }

  /** Lets a function find out whether a transfer has a saga and start the one it lacks (the reconciler). */
  bindRestart(fn: LambdaFunction): void {
    grantReadExecutions(this.machine, fn, ['states:DescribeExecution']);
    this.stateMachine.grantStartExecution(fn);
    fn.addEnvironment(BANK_ENV.transferSagaArn, this.stateMachine.stateMachineArn);
  }

  /** Lets a function read a transfer's execution, its history and its failure record (GET /transfers/{id}). */
  bindInspect(fn: LambdaFunction): void {
    grantReadExecutions(this.machine, fn, ['states:DescribeExecution', 'states:GetExecutionHistory']);
    grantTable(fn, this.failures, ['GetItem']);
    fn.addEnvironment(BANK_ENV.transferSagaArn, this.stateMachine.stateMachineArn);
    fn.addEnvironment(BANK_ENV.transferFailuresTable, this.failures.tableName);
  }
}
