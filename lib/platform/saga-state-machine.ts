import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType, type IChainable } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { acceptFinding } from './accepted-findings';

/** The whole execution gives up after this long. */
export const SAGA_TIMEOUT = Duration.minutes(15);

/**
 * A saga's state machine, as every saga here is one: Standard, not Express (exactly-once start
 * per execution name, which the starters rely on; retries that may wait seconds; a history the
 * saga routes and the console read back, which Express workflows do not keep), with a timeout
 * longer than its slowest path, traced, and every transition logged without its data. Its name is
 * the saga's (`sagaStateMachineName`, lib/platform/saga-names.ts), which GET /sagas lists it by.
 */
export function sagaStateMachine(scope: Construct, id: string, definition: IChainable, stateMachineName: string): StateMachine {
  const stateMachine = new StateMachine(scope, id, {
    stateMachineName,
    stateMachineType: StateMachineType.STANDARD,
    definitionBody: DefinitionBody.fromChainable(definition),
    timeout: SAGA_TIMEOUT,
    tracingEnabled: true,
    // Every state's transitions, without their data: the history has the data, for 90 days.
    logs: {
      destination: new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY }),
      level: LogLevel.ALL,
      includeExecutionData: false,
    },
  });
  acceptFinding(stateMachine.role, 'qualifiedFunctionArns');
  acceptFinding(stateMachine.role, 'logDeliveryAndTracing');
  return stateMachine;
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

/** Grants actions on the executions of a state machine (DescribeExecution and the like are on executions, not the machine). */
export function grantOnExecutions(stateMachine: StateMachine, fn: LambdaFunction, actions: string[]): void {
  const executions = Stack.of(stateMachine).formatArn({ service: 'states', resource: 'execution', resourceName: `${stateMachine.stateMachineName}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  Grant.addToPrincipal({ grantee: fn, actions, resourceArns: [executions] });
  if (fn.role) acceptFinding(fn.role, 'sagaExecutions');
}
