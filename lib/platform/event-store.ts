import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { grantTable } from './table-access';
import { ENV } from '../../functions/platform/contract/environment';

/**
 * The events table: the source of truth. Partition key `streamId`, sort key `version`; the stream
 * (new images) feeds projections and the saga; point-in-time recovery on; kept on stack deletion
 * and protected from deletion. Beside it, the idempotency table: first responses to
 * Idempotency-Keys, written in the same transaction as the events and expired by TTL; and the
 * snapshots table: the latest snapshot of each long stream's state.
 */
export class EventStore extends Construct {
  readonly table: Table;
  readonly idempotency: Table;
  readonly snapshots: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Events', {
      partitionKey: { name: 'streamId', type: AttributeType.STRING },
      sortKey: { name: 'version', type: AttributeType.NUMBER },
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: StreamViewType.NEW_IMAGE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.idempotency = new Table(this, 'Idempotency', {
      partitionKey: { name: 'key', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Snapshots can always be rebuilt from the events (a load without one replays the stream, and
    // the next append past a snapshot point writes it again): no backup, and nothing to keep.
    this.snapshots = new Table(this, 'Snapshots', {
      partitionKey: { name: 'streamId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }

  /**
   * Lets a function read streams and append events, and nothing else: the table is append-only
   * (Query and PutItem: no UpdateItem, DeleteItem, batch writes or Scan). It reads and writes
   * snapshots (GetItem, PutItem). With `idempotent` (the HTTP commands) it also remembers
   * responses by Idempotency-Key.
   */
  bindAppend(fn: LambdaFunction, options: { idempotent: boolean }): void {
    grantTable(fn, this.table, ['Query', 'PutItem']);
    fn.addEnvironment(ENV.eventsTable, this.table.tableName);
    grantTable(fn, this.snapshots, ['GetItem', 'PutItem']);
    fn.addEnvironment(ENV.snapshotsTable, this.snapshots.tableName);
    if (!options.idempotent) return;
    grantTable(fn, this.idempotency, ['GetItem', 'PutItem']);
    fn.addEnvironment(ENV.idempotencyTable, this.idempotency.tableName);
  }

  /**
   * Lets a function read streams (the history route, projections healing a gap); gives it the
   * table name. No snapshots: these read whole streams, and their store simply has none.
   */
  bindRead(fn: LambdaFunction): void {
    grantTable(fn, this.table, ['Query']);
    fn.addEnvironment(ENV.eventsTable, this.table.tableName);
  }
}
