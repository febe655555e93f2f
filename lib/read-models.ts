import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { deadLetterQueue } from './dead-letter-queue';
import { Construct } from 'constructs';
import { HandlerFunction } from './handler-function';
import { consumeEventStream } from './stream-consumer';
import { grantTable, type TableAction } from './table-access';

export type ReadModelsProps = { events: ITable };

/** Index names of the orders view, shared with the query handlers through their environment. */
export const ORDER_INDEXES = { byCustomer: 'byCustomer', byStatus: 'byStatus' } as const;

/** The views a query handler can read. */
export type ViewName = 'orders' | 'products' | 'stats';

/**
 * The read side: the orders, products and stats views, each kept by its own stream consumer that
 * gets only the streams it needs. Query handlers read these tables only.
 */
export class ReadModels extends Construct {
  readonly orders: Table;
  readonly products: Table;
  readonly stats: Table;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ReadModelsProps) {
    super(scope, id);
    // Views can be rebuilt from the events table, so they are not worth keeping on deletion.
    const view = (name: string, partitionKey: string, sortKey?: string) =>
      new Table(this, name, {
        partitionKey: { name: partitionKey, type: AttributeType.STRING },
        sortKey: sortKey ? { name: sortKey, type: AttributeType.STRING } : undefined,
        billingMode: BillingMode.PAY_PER_REQUEST,
        removalPolicy: RemovalPolicy.DESTROY,
      });
    this.orders = view('Orders', 'orderId');
    // Both lists are ordered by creation time (ISO timestamps sort as strings).
    for (const [indexName, partitionKey] of [[ORDER_INDEXES.byCustomer, 'customerId'], [ORDER_INDEXES.byStatus, 'status']] as const) {
      this.orders.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: partitionKey, type: AttributeType.STRING },
        sortKey: { name: 'createdAt', type: AttributeType.STRING },
      });
    }
    this.products = view('Products', 'sku');
    this.stats = view('Stats', 'pk', 'sk');
    this.deadLetterQueue = deadLetterQueue(this, 'ProjectionDeadLetters');

    const projections: { id: string; entry: string; description: string; table: Table; env: string; prefix: string; writes: TableAction[] }[] = [
      { id: 'ProjectOrders', entry: 'projections/project-orders.ts', description: 'Projects order events into the orders view', table: this.orders, env: 'ORDERS_TABLE', prefix: 'order#', writes: ['PutItem'] },
      { id: 'ProjectProducts', entry: 'projections/project-products.ts', description: 'Projects product events into the products view', table: this.products, env: 'PRODUCTS_TABLE', prefix: 'product#', writes: ['PutItem'] },
      // Counters move by UpdateItem ADD, in one transaction with a PutItem of the event's marker.
      { id: 'ProjectStats', entry: 'projections/project-stats.ts', description: 'Counts orders by status, revenue by day and saga outcomes', table: this.stats, env: 'STATS_TABLE', prefix: 'order#', writes: ['PutItem', 'UpdateItem'] },
    ];
    for (const projection of projections) {
      const fn = new HandlerFunction(this, projection.id, { entry: projection.entry, description: projection.description });
      grantTable(fn, projection.table, ['GetItem', ...projection.writes]);
      fn.addEnvironment(projection.env, projection.table.tableName);
      consumeEventStream({ fn, table: props.events, deadLetterQueue: this.deadLetterQueue, match: { streamPrefixes: [projection.prefix] } });
    }
  }

  /** Lets a query handler read some views (item reads, their index queries, paged scans); gives it their table and index names. */
  bindRead(fn: LambdaFunction, views: ViewName[]): void {
    if (views.includes('orders')) {
      grantTable(fn, this.orders, ['GetItem', 'Query', 'Scan'], Object.values(ORDER_INDEXES));
      fn.addEnvironment('ORDERS_TABLE', this.orders.tableName);
      fn.addEnvironment('ORDERS_BY_CUSTOMER_INDEX', ORDER_INDEXES.byCustomer);
      fn.addEnvironment('ORDERS_BY_STATUS_INDEX', ORDER_INDEXES.byStatus);
    }
    if (views.includes('products')) {
      grantTable(fn, this.products, ['GetItem', 'Scan']);
      fn.addEnvironment('PRODUCTS_TABLE', this.products.tableName);
    }
    if (views.includes('stats')) {
      grantTable(fn, this.stats, ['GetItem', 'Query']);
      fn.addEnvironment('STATS_TABLE', this.stats.tableName);
    }
  }
}
