import { AttributeType, type ITable, type Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue, type HasDeadLetterQueues } from '../platform/dead-letter-queue';
import { STREAM_RETRY_ATTEMPTS } from '../platform/stream-consumer';
import type { EventStore } from '../platform/event-store';
import { versionedProjection, viewTable, type ProjectionRepairs } from '../platform/projection';
import { bindCountStoreFigures } from '../platform/store-figures';
import { StreamViews } from '../platform/stream-views';
import { grantTable } from '../platform/table-access';
import { ORDERS_ENV } from '../../functions/orders/contract/environment';
import { ORDER_AGGREGATES } from '../../functions/orders/domain/streams';
import { ORDER_INDEXES } from './indexes';

export type ReadModelsProps = {
  /** The event store: its stream feeds the views, and they read its table to heal a gap or repair a row. */
  eventStore: EventStore;
  /** The platform's store figures, which the views reader counts the context's events into. */
  figures: ITable;
};

/** The views a query handler can read. */
export type ViewName = 'orders' | 'products' | 'stats';

/**
 * The orders' read side: the orders, products and stats views, and each order's payment and
 * stock status, all kept by the context's one views reader of its events stream (each view takes
 * only the streams it needs), and the store figures counted by it too. Query handlers read these
 * tables only.
 */
export class ReadModels extends Construct implements HasDeadLetterQueues {
  readonly orders: Table;
  readonly products: Table;
  readonly stats: Table;
  /** What was done about each order's money and stock (from the payment and product streams). */
  readonly orderEffects: Table;
  /** Where the stream puts the position of a record that failed for a transient reason past its retries. */
  readonly deadLetterQueue: Queue;
  /** Per projection (`ProjectOrders`, `ProjectProducts`, `ProjectStats`): its repair queue and its parked-events queue. */
  readonly repairs: ProjectionRepairs[] = [];
  /** The views reader: with the forwarder to the bus, one of the stream's two readers. */
  readonly views: StreamViews;

  constructor(scope: Construct, id: string, props: ReadModelsProps) {
    super(scope, id);
    this.orders = viewTable(this, 'Orders', 'orderId');
    // Every list is ordered by creation time (ISO timestamps sort as strings). Every order is in the
    // one partition `feed` of byTime: about 1000 writes a second before it needs sharding (see ORDERS_FEED).
    for (const [indexName, partitionKey] of [[ORDER_INDEXES.byCustomer, 'customerId'], [ORDER_INDEXES.byStatus, 'status'], [ORDER_INDEXES.byTime, 'feed']] as const) {
      this.orders.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: partitionKey, type: AttributeType.STRING },
        sortKey: { name: 'createdAt', type: AttributeType.STRING },
      });
    }
    this.products = viewTable(this, 'Products', 'sku');
    // Event-id markers expire (expiresAt) once no copy of their event can arrive.
    this.stats = viewTable(this, 'Stats', 'pk', 'sk', 'expiresAt');
    this.deadLetterQueue = deadLetterQueue(this, 'ProjectionDeadLetters', { kind: 'stream-batch', source: 'ProjectViews', attempts: STREAM_RETRY_ATTEMPTS + 1 });
    this.views = new StreamViews(this, 'Views', { entry: 'orders/projections/project-views.ts', eventStore: props.eventStore, aggregates: ORDER_AGGREGATES, deadLetterQueue: this.deadLetterQueue });
    bindCountStoreFigures(this.views, props.figures);
    this.orderEffects = viewTable(this, 'OrderEffects', 'orderId');
    // Every write is an UpdateItem of one attribute, guarded by that stream's version.
    this.views.keep(this.orderEffects, ORDERS_ENV.orderEffectsTable, ['UpdateItem']);

    const common = { eventStore: props.eventStore, views: this.views };
    this.repairs.push(
      versionedProjection(this, { ...common, id: 'ProjectOrders', entry: 'orders/projections/project-orders.ts', description: 'Repairs the orders view from redriven parked events', table: this.orders, env: ORDERS_ENV.ordersTable, writes: ['PutItem'] }),
      versionedProjection(this, { ...common, id: 'ProjectProducts', entry: 'orders/projections/project-products.ts', description: 'Repairs the products view from redriven parked events', table: this.products, env: ORDERS_ENV.productsTable, writes: ['PutItem'] }),
      // Counters move by UpdateItem ADD, in one transaction with a PutItem of the event's marker.
      versionedProjection(this, { ...common, id: 'ProjectStats', entry: 'orders/projections/project-stats.ts', description: 'Repairs the stats (orders by status, revenue by day, saga outcomes) from redriven parked events', table: this.stats, env: ORDERS_ENV.statsTable, writes: ['BatchGetItem', 'PutItem', 'UpdateItem'] }),
    );
  }

  /** The views reader's dead-letter queue and each projection's parked events. */
  get deadLetterQueues(): readonly Queue[] {
    return [this.deadLetterQueue, ...this.repairs.map((r) => r.parked)];
  }

  /** Lets a query handler read some views (item reads, their index queries, paged scans); gives it their table and index names. */
  bindRead(fn: LambdaFunction, views: ViewName[]): void {
    if (views.includes('orders')) {
      grantTable(fn, this.orderEffects, ['GetItem']);
      fn.addEnvironment(ORDERS_ENV.orderEffectsTable, this.orderEffects.tableName);
      grantTable(fn, this.orders, ['GetItem', 'Query'], Object.values(ORDER_INDEXES));
      fn.addEnvironment(ORDERS_ENV.ordersTable, this.orders.tableName);
      fn.addEnvironment(ORDERS_ENV.ordersByCustomerIndex, ORDER_INDEXES.byCustomer);
      fn.addEnvironment(ORDERS_ENV.ordersByStatusIndex, ORDER_INDEXES.byStatus);
      fn.addEnvironment(ORDERS_ENV.ordersByTimeIndex, ORDER_INDEXES.byTime);
    }
    if (views.includes('products')) {
      grantTable(fn, this.products, ['GetItem', 'Scan']);
      fn.addEnvironment(ORDERS_ENV.productsTable, this.products.tableName);
    }
    if (views.includes('stats')) {
      grantTable(fn, this.stats, ['GetItem', 'Query']);
      fn.addEnvironment(ORDERS_ENV.statsTable, this.stats.tableName);
    }
  }
}
