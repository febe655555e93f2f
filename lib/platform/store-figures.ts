import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { StreamViews } from './stream-views';
import { grantTable } from './table-access';
import { ENV } from '../../functions/platform/contract/environment';

/**
 * The event stores' figures (events and streams per aggregate type, of every context): one
 * counters item and the version counted so far of each stream. Rebuildable from the events, so
 * not kept when the stack goes. (The TTL attribute expires the per-event markers an earlier
 * version wrote.)
 */
export function storeFiguresTable(scope: Construct, id: string): Table {
  return new Table(scope, id, {
    partitionKey: { name: 'pk', type: AttributeType.STRING },
    sortKey: { name: 'sk', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.DESTROY,
    timeToLiveAttribute: 'expiresAt',
  });
}

/** Lets a query read the figures (GET /stats). */
export function bindReadStoreFigures(fn: LambdaFunction, figures: ITable): void {
  grantTable(fn, figures, ['GetItem']);
  fn.addEnvironment(ENV.storeFiguresTable, figures.tableName);
}

/** Lets a context's views reader count its events into the figures: its streams' trackers read (BatchGetItem), then moved (PutItem) with the counters' UpdateItem ADD, in one transaction. */
export function bindCountStoreFigures(views: StreamViews, figures: ITable): void {
  views.keep(figures, ENV.storeFiguresTable, ['BatchGetItem', 'PutItem', 'UpdateItem']);
}
