import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { ENV } from '../../functions/platform/contract/environment';
import { grantTable } from './table-access';

/**
 * A small table where a reconciler's long checks keep their place between runs (one item per
 * check: the key of the next page), so each run ends within its time budget whatever the volume.
 * Losing it only means a check starts over.
 */
export function reconcileCheckpoints(scope: Construct, fn: LambdaFunction): Table {
  const table = new Table(scope, 'Checkpoints', {
    partitionKey: { name: 'check', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  grantTable(fn, table, ['GetItem', 'PutItem']);
  fn.addEnvironment(ENV.reconcileCheckpointsTable, table.tableName);
  return table;
}
