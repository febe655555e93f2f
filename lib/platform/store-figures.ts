import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HandlerFunction } from './handler-function';
import { consumeEventStream } from './stream-consumer';
import { grantTable } from './table-access';
import { ENV } from '../../functions/platform/contract/environment';
import { streamPrefix } from '../../functions/platform/domain/streams';

/**
 * The event stores' figures (events and streams per aggregate type, of every context): one
 * counters item and a marker per counted event, expired once no copy of the event can arrive.
 * Rebuildable from the events, so not kept when the stack goes.
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

export type CountStoreFiguresProps = { events: ITable; figures: ITable; aggregates: readonly string[]; deadLetterQueue: IQueue };

/** A context's events counted into the platform's store figures, each once: a stream consumer of the context's events table. */
export class CountStoreFigures extends Construct {
  readonly fn: HandlerFunction;

  constructor(scope: Construct, id: string, props: CountStoreFiguresProps) {
    super(scope, id);
    this.fn = new HandlerFunction(this, 'ProjectStoreFigures', {
      entry: 'platform/projections/project-store-figures.ts',
      description: 'Counts events and streams per aggregate type',
      timeout: Duration.seconds(10),
    });
    // A marker PutItem and the counters' UpdateItem ADD, in one transaction.
    grantTable(this.fn, props.figures, ['PutItem', 'UpdateItem']);
    this.fn.addEnvironment(ENV.storeFiguresTable, props.figures.tableName);
    consumeEventStream({ fn: this.fn, table: props.events, deadLetterQueue: props.deadLetterQueue, match: { streamPrefixes: props.aggregates.map(streamPrefix) } });
  }
}
