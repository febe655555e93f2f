import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { HandlerFunction } from './handler-function';
import { consumeEventStream } from './stream-consumer';

export type ReadModelsProps = { events: ITable };

/**
 * The read side: the orders and products views, and the projection that keeps them up to date
 * from the events stream. Query handlers read these tables only.
 */
export class ReadModels extends Construct {
  readonly orders: Table;
  readonly products: Table;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ReadModelsProps) {
    super(scope, id);
    // Views can be rebuilt from the events table, so they are not worth keeping on deletion.
    this.orders = new Table(this, 'Orders', {
      partitionKey: { name: 'orderId', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.products = new Table(this, 'Products', {
      partitionKey: { name: 'sku', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.deadLetterQueue = new Queue(this, 'ProjectionDeadLetters', { retentionPeriod: Duration.days(14) });

    const projection = new HandlerFunction(this, 'ProjectViews', {
      entry: 'projections/project-views.ts',
      description: 'Projects order and product events into their read tables',
    });
    this.bindWrite(projection);
    consumeEventStream({
      fn: projection,
      table: props.events,
      deadLetterQueue: this.deadLetterQueue,
      match: { streamPrefixes: ['order#', 'product#'] },
    });
  }

  /** Lets a query handler read the views; gives it their table names. */
  bindRead(fn: LambdaFunction): void {
    this.orders.grantReadData(fn);
    this.products.grantReadData(fn);
    this.addTableNames(fn);
  }

  private bindWrite(fn: LambdaFunction): void {
    this.orders.grantReadWriteData(fn);
    this.products.grantReadWriteData(fn);
    this.addTableNames(fn);
  }

  private addTableNames(fn: LambdaFunction): void {
    fn.addEnvironment('ORDERS_TABLE', this.orders.tableName);
    fn.addEnvironment('PRODUCTS_TABLE', this.products.tableName);
  }
}
