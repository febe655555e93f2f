import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { StreamViews } from './stream-views';
import { grantTable } from './table-access';
import { ENV } from '../../functions/platform/contract/environment';

/**
 * The event stores' figures (events and streams per aggregate type, of every context): one
 * counters item and each stream shard's watermark (the position its records are counted up to),
 * which expires two days after its last write: a shard's records live 24 hours. Rebuildable from
 * the events, so not kept when the stack goes. (The TTL attribute also expires the per-event
 * markers an earlier version wrote; the per-stream trackers of the version before this one stay, unread.)
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

/** Lets a context's views reader count its events into the figures: each shard's watermark read (GetItem), then moved with the counters' ADD (two UpdateItems in one transaction) once a window. */
export function bindCountStoreFigures(views: StreamViews, figures: ITable): void {
  views.keep(figures, ENV.storeFiguresTable, ['GetItem', 'UpdateItem']);
}
