import { CfnOutput } from 'aws-cdk-lib';
import { Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { PUBLISHED_EVENTS } from '../../functions/bank/contract/published-events';
import { METRICS } from '../../functions/platform/observability/metric-names';
import { ContextStack, type ContextStackProps } from '../platform/context-stack';
import { contextRoutes } from '../platform/context-routes';
import { EventStore } from '../platform/event-store';
import { EventsOut } from '../platform/events-out';
import { setLogLevel } from '../platform/handler-function';
import { byDimension, graph, Monitoring } from '../platform/monitoring';
import { redriveOutputs } from '../platform/redrive-outputs';
import { sagaStateMachineName } from '../platform/saga-names';
import { ReadModels } from './read-models';
import { Reconciler } from './reconciler';
import { contextInbox } from '../platform/context-inbox';
import { BANK_ROUTES, type BankBinding } from './routes';
import { TransferSaga } from './transfer-saga';

/**
 * The bank context: accounts, deposits and withdrawals, and the money-transfer saga, on its own
 * events table, with its views, reconciler, routes on the platform's API, alarms and dashboard
 * (`Orderline-<stage>-Bank`).
 */
export class BankStack extends ContextStack {
  constructor(scope: Construct, id: string, props: ContextStackProps) {
    super(scope, id, props);
    const { platform } = this;
    const eventStore = new EventStore(this, 'EventStore');
    const readModels = new ReadModels(this, 'ReadModels', { eventStore, figures: platform.storeFigures });
    const eventsOut = new EventsOut(this, 'EventsOut', { events: eventStore.table, bus: platform.bus, published: PUBLISHED_EVENTS, entry: 'bank/events-out/forward-events.ts' });
    const saga = new TransferSaga(this, 'TransferSaga', { eventStore, bus: platform.bus, stateMachineName: sagaStateMachineName(this.stage, 'transfer'), sagaType: this.sagaType('transfer') });
    const bind = (fn: LambdaFunction, binding: BankBinding): void => {
      switch (binding) {
        case 'command':
          return eventStore.bindAppend(fn, { idempotent: true });
        case 'history':
          return eventStore.bindRead(fn);
        case 'accounts':
        case 'transfers':
          return readModels.bindRead(fn, [binding]);
        case 'transfer':
          saga.bindInspect(fn);
          return readModels.bindRead(fn, ['transfers']);
      }
    };
    contextRoutes(this, platform, BANK_ROUTES, bind);
    const reconciler = new Reconciler(this, 'Reconciler', { eventStore, readModels, saga });
    contextInbox(this, { reconciler: reconciler.fn, failureRecorders: [saga.failureRecorder] });
    if (props.logLevel) setLogLevel(this, props.logLevel);
    // Last: it watches every function created before it.
    const monitoring = new Monitoring(this, 'Monitoring', {
      dashboardName: `Orderline-${this.stage}-Bank`,
      topic: platform.alarmTopic,
      sagas: [{ name: 'transfer saga', stateMachine: saga.stateMachine, taskFunctions: saga.taskFunctions, inspect: 'GET /transfers/{id}, as an admin' }],
      deadLetters: [readModels, eventsOut, saga],
      widgets: [[graph('Projection lag (ms, maximum)', [byDimension(METRICS.ProjectionLag, Stats.MAXIMUM)])]],
    });

    new CfnOutput(this, 'BankEventsTableName', { value: eventStore.table.tableName });
    new CfnOutput(this, 'TransferSagaArn', { value: saga.stateMachine.stateMachineArn });
    if (saga.machine.runs) {
      new CfnOutput(this, 'TransferSagaRunsTableName', { value: saga.machine.runs.tableName });
      new CfnOutput(this, 'TransferSagaLogGroupName', { value: saga.machine.log.logGroupName });
    }
    new CfnOutput(this, 'TransferFailuresTableName', { value: saga.failures.tableName });
    new CfnOutput(this, 'AccountsTableName', { value: readModels.accounts.tableName });
    new CfnOutput(this, 'TransactionsTableName', { value: readModels.transactions.tableName });
    new CfnOutput(this, 'TransfersTableName', { value: readModels.transfers.tableName });
    new CfnOutput(this, 'BankDashboardName', { value: monitoring.dashboard.dashboardName });
    redriveOutputs(this, readModels.repairs, saga.effects);
  }
}
