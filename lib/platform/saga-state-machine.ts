import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Chain, DefinitionBody, Fail, JitterType, JsonPath, LogLevel, Parallel, StateMachine, StateMachineType, Succeed, type IChainable } from 'aws-cdk-lib/aws-stepfunctions';
import { DynamoAttributeValue, DynamoPutItem, DynamoUpdateItem } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { RUN_STATES, SAGA_RUNS_BY_STATUS, SAGA_RUNS_TABLE_SUFFIX } from '../../functions/platform/saga/saga-runs';
import { ENV } from '../../functions/platform/contract/environment';
import { acceptFinding } from './accepted-findings';
import { grantTable } from './table-access';

/** The whole execution gives up after this long. */
export const SAGA_TIMEOUT = Duration.minutes(15);
/** An Express execution cannot run longer than this. */
export const EXPRESS_SAGA_TIMEOUT = Duration.minutes(5);

/** Which kind of workflow runs a saga (`-c sagaType=…`, lib/platform/stack-context.ts). */
export type SagaType = 'standard' | 'express';
export const SAGA_TYPES: readonly SagaType[] = ['standard', 'express'];

/** A saga's state machine and its log, and for an Express saga the table of its runs (functions/platform/saga/saga-runs.ts). */
export type SagaMachine = { stateMachine: StateMachine; log: LogGroup; runs?: Table };

/**
 * A saga's state machine, traced, with a name that is the saga's (`sagaStateMachineName`,
 * lib/platform/saga-names.ts), which GET /sagas lists it by. Two kinds:
 *
 * - Standard (the default): exactly-once start per execution name, which the starters rely on;
 *   a history the saga routes and the console read back; a timeout longer than the slowest path;
 *   every transition logged without its data. Billed per state transition.
 * - Express: billed by duration, a fraction of the cost, but it starts at least once, lives 5
 *   minutes and has no history API. So the saga runs inside {@link claimedRun}: its own first
 *   state records the start and ends a second start of the same name at once, and its last states
 *   record the outcome, in the runs table the saga routes and the reconciler read; every event
 *   of the execution goes to its log with its data, where the saga routes read its steps. A run
 *   that outlives 5 minutes is timed out, which the reconciler finishes as it finishes a Standard
 *   execution that timed out.
 */
export function sagaStateMachine(scope: Construct, id: string, definition: IChainable, stateMachineName: string, type: SagaType = 'standard'): SagaMachine {
  const express = type === 'express';
  const runs = express ? sagaRunsTable(scope, `${id}Runs`, `${stateMachineName}${SAGA_RUNS_TABLE_SUFFIX}`) : undefined;
  const log = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  const stateMachine = new StateMachine(scope, id, {
    stateMachineName,
    stateMachineType: express ? StateMachineType.EXPRESS : StateMachineType.STANDARD,
    definitionBody: DefinitionBody.fromChainable(runs ? claimedRun(scope, definition, runs) : definition),
    timeout: express ? EXPRESS_SAGA_TIMEOUT : SAGA_TIMEOUT,
    tracingEnabled: true,
    // Every state's transitions. Standard: without their data (the history has the data, for 90
    // days). Express: with it, as the log is the only record of an execution's steps.
    logs: { destination: log, level: LogLevel.ALL, includeExecutionData: express },
  });
  acceptFinding(stateMachine.role, 'qualifiedFunctionArns');
  acceptFinding(stateMachine.role, 'logDeliveryAndTracing');
  return { stateMachine, log, runs };
}

/** One row per run of an Express saga, by what it is about, with an index by status and start for the reconciler and GET /sagas (which finds it by its name). */
function sagaRunsTable(scope: Construct, id: string, tableName: string): Table {
  const table = new Table(scope, id, {
    tableName,
    partitionKey: { name: 'sagaId', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  table.addGlobalSecondaryIndex({
    indexName: SAGA_RUNS_BY_STATUS,
    partitionKey: { name: 'status', type: AttributeType.STRING },
    sortKey: { name: 'startedAt', type: AttributeType.STRING },
    projectionType: ProjectionType.KEYS_ONLY,
  });
  return table;
}

/** The store's transient errors, retried with jitter by the run's own records. */
const RECORD_RETRY = {
  errors: ['DynamoDB.ProvisionedThroughputExceededException', 'DynamoDB.ThrottlingException', 'DynamoDB.RequestLimitExceeded', 'DynamoDB.InternalServerErrorException'],
  interval: Duration.seconds(1),
  backoffRate: 2,
  maxAttempts: 4,
  jitterStrategy: JitterType.FULL,
};

/**
 * An Express saga's definition inside its run record (the states functions/platform/saga/saga-runs.ts
 * leaves out of the saga's path, by these names):
 *
 *   ClaimStart → Saga (the definition, as a branch) → RecordSagaSucceeded
 *      ↳ StartedAlready (a run of this name exists: a second start does nothing)
 *                 ↳ RecordSagaFailed → SagaFailed (the saga's own error)
 */
function claimedRun(scope: Construct, definition: IChainable, runs: Table): IChainable {
  const sagaId = DynamoAttributeValue.fromString(JsonPath.stringAt('$$.Execution.Name'));
  const claim = new DynamoPutItem(scope, RUN_STATES.claim, {
    table: runs,
    item: {
      sagaId,
      executionArn: DynamoAttributeValue.fromString(JsonPath.stringAt('$$.Execution.Id')),
      status: DynamoAttributeValue.fromString('RUNNING'),
      startedAt: DynamoAttributeValue.fromString(JsonPath.stringAt('$$.Execution.StartTime')),
    },
    conditionExpression: 'attribute_not_exists(sagaId)',
    resultPath: JsonPath.DISCARD,
  });
  claim.addRetry(RECORD_RETRY);
  claim.addCatch(new Succeed(scope, RUN_STATES.startedAlready), { errors: ['DynamoDB.ConditionalCheckFailedException'] });
  const saga = new Parallel(scope, RUN_STATES.saga, { outputPath: '$[0]' });
  saga.branch(definition);
  const recordEnd = (name: string, status: string, values: Record<string, DynamoAttributeValue> = {}) => {
    const fields = Object.keys(values);
    const record = new DynamoUpdateItem(scope, name, {
      table: runs,
      key: { sagaId },
      updateExpression: `SET #status = :status${fields.map((f) => `, #${f} = :${f}`).join('')}`,
      expressionAttributeNames: { '#status': 'status', ...Object.fromEntries(fields.map((f) => [`#${f}`, f])) },
      expressionAttributeValues: { ':status': DynamoAttributeValue.fromString(status), ...Object.fromEntries(fields.map((f) => [`:${f}`, values[f]!])) },
      resultPath: JsonPath.DISCARD,
    });
    record.addRetry(RECORD_RETRY);
    return record;
  };
  // What the saga failed with, beside its input (aws-local-stepfunctions does not read a Catch's ResultPath "$" as AWS does).
  const failure = (field: 'Error' | 'Cause') => DynamoAttributeValue.fromString(JsonPath.stringAt(`$.sagaFailure.${field}`));
  const failed = recordEnd(RUN_STATES.recordFailed, 'FAILED', { error: failure('Error'), cause: failure('Cause') });
  failed.next(new Fail(scope, RUN_STATES.failed, { errorPath: JsonPath.stringAt('$.sagaFailure.Error'), causePath: JsonPath.stringAt('$.sagaFailure.Cause') }));
  saga.addCatch(failed, { resultPath: '$.sagaFailure' });
  // The output is the execution's, in its log.
  return Chain.start(claim).next(saga).next(recordEnd(RUN_STATES.recordSucceeded, 'SUCCEEDED'));
}

/**
 * One row per saga whose compensation failed, keyed by what the saga is about: what a person (and
 * an alarm) looks at. These rows ask for a person's attention: kept when the stack goes.
 */
export function compensationFailuresTable(scope: Construct, id: string, partitionKey: string): Table {
  return new Table(scope, id, {
    partitionKey: { name: partitionKey, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
  });
}

/**
 * Lets a function read a saga's executions (functions/platform/saga/saga-executions.ts): on a
 * Standard saga, the Step Functions `actions` on its executions and `machineActions` on the
 * machine (ListExecutions); on an Express saga, its runs table, the index by status and, for a
 * function that reads an execution's steps (GetExecutionHistory on Standard), its log.
 */
export function grantReadExecutions(saga: SagaMachine, fn: LambdaFunction, actions: string[], machineActions: string[] = []): void {
  if (saga.runs) {
    grantTable(fn, saga.runs, ['GetItem', 'Query'], [SAGA_RUNS_BY_STATUS]);
    fn.addEnvironment(ENV.sagaRunsTable, saga.runs.tableName);
    if (actions.includes('states:GetExecutionHistory')) {
      Grant.addToPrincipal({ grantee: fn, actions: ['logs:FilterLogEvents'], resourceArns: [saga.log.logGroupArn] });
      fn.addEnvironment(ENV.sagaLogGroup, saga.log.logGroupName);
    }
    return;
  }
  if (actions.length) grantOnExecutions(saga.stateMachine, fn, actions);
  if (machineActions.length) Grant.addToPrincipal({ grantee: fn, actions: machineActions, resourceArns: [saga.stateMachine.stateMachineArn] });
}

/** Grants actions on the executions of a state machine (DescribeExecution and the like are on executions, not the machine). */
export function grantOnExecutions(stateMachine: StateMachine, fn: LambdaFunction, actions: string[]): void {
  const executions = Stack.of(stateMachine).formatArn({ service: 'states', resource: 'execution', resourceName: `${stateMachine.stateMachineName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  Grant.addToPrincipal({ grantee: fn, actions, resourceArns: [executions] });
  if (fn.role) acceptFinding(fn.role, 'sagaExecutions');
}
