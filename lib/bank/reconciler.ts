import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { EventStore } from '../platform/event-store';
import { HandlerFunction } from '../platform/handler-function';
import type { ReadModels } from './read-models';
import type { TransferSaga } from './transfer-saga';

export type ReconcilerProps = { eventStore: EventStore; readModels: ReadModels; saga: TransferSaga; every?: Duration };

/**
 * The bank's safety net: every 15 minutes a function finds requested transfers with no saga and
 * starts it, and ends the transfers an execution that failed, timed out or was aborted left open
 * (functions/bank/reconcile/reconcile.ts; `npm run reconcile` runs it by hand).
 */
export class Reconciler extends Construct {
  readonly fn: HandlerFunction;

  constructor(scope: Construct, id: string, props: ReconcilerProps) {
    super(scope, id);
    this.fn = new HandlerFunction(this, 'Reconcile', {
      entry: 'bank/reconcile/reconcile-handler.ts',
      description: 'Finds and repairs what the durable paths missed: transfers with no saga, transfers their saga left open',
      timeout: Duration.minutes(5),
    });
    // It ends a stranded transfer with the saga's own commands: the refund moves money on an account's stream.
    props.eventStore.bindAppend(this.fn, { idempotent: false });
    props.readModels.bindRead(this.fn, ['transfers']);
    props.saga.bindRestart(this.fn);
    // It lists the executions that failed, timed out or were aborted.
    props.saga.bindList(this.fn);
    new Rule(this, 'Schedule', { description: 'Runs the bank reconciler', schedule: Schedule.rate(props.every ?? Duration.minutes(15)), targets: [new LambdaTarget(this.fn)] });
  }
}
