import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { grantTable } from './table-access';
import { ENV } from '../../functions/platform/contract/environment';
import type { Budgets } from '../../functions/platform/http/caller-budgets';

/** Per caller per minute, unless `-c callerBudgets=` says otherwise: room for a busy person or script, not for a flood. */
export const DEFAULT_CALLER_BUDGETS: Budgets = { default: { commands: 300, queries: 1200 } };

/** The callers' counters: one item per caller, route group and minute, deleted by TTL soon after its minute. Nothing in it is worth keeping. */
export function callerBudgetsTable(scope: Construct, id: string): Table {
  return new Table(scope, id, {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.DESTROY,
    timeToLiveAttribute: 'expiresAt',
  });
}

/** Puts an HTTP route's function on the callers' budgets: one UpdateItem per request on its counters table. */
export function bindCallerBudgets(fn: LambdaFunction, table: ITable, budgets: Budgets): void {
  grantTable(fn, table, ['UpdateItem']);
  fn.addEnvironment(ENV.callerBudgetsTable, table.tableName);
  fn.addEnvironment(ENV.callerBudgets, JSON.stringify(budgets));
}
