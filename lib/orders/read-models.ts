import { AttributeType, type Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue, type HasDeadLetterQueues } from '../platform/dead-letter-queue';
import type { EventStore } from '../platform/event-store';
import { HandlerFunction } from '../platform/handler-function';
import { PROJECTION_TIMEOUT, versionedProjection, viewTable, type ProjectionRepairs } from '../platform/projection';
import { consumeEventStream } from '../platform/stream-consumer';
import { grantTable } from '../platform/table-access';
import { streamPrefix } from '../../functions/platform/domain/streams';
import { ORDERS_ENV } from '../../functions/orders/contract/environment';

export type ReadModelsProps = {
  /** The event store: its stream feeds the projections, and they read its table to heal a gap or repair a row. */
  eventStore: EventStore;
};

/** Index names of the orders view, shared with the query handlers through their environment. */
export const ORDER_INDEXES = { byCustomer: 'byCustomer', byStatus: 'byStatus', byTime: 'byTime' } as const;

/** The views a query handler can read. */
export type ViewName = 'orders' | 'products' | 'stats';

/**
 * The orders' read side: the orders, products and stats views, and each order's payment and
 * stock status, each kept by its own stream consumer that gets only the streams it needs.
 * Query handlers read these tables only.
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
    this.deadLetterQueue = deadLetterQueue(this, 'ProjectionDeadLetters');
    this.orderEffects = viewTable(this, 'OrderEffects', 'orderId');
    const effects = new HandlerFunction(this, 'ProjectOrderEffects', { entry: 'orders/projections/project-order-effects.ts', description: "Keeps each order's payment and stock status", timeout: PROJECTION_TIMEOUT });
    // Every write is an UpdateItem of one attribute, guarded by that stream's version.
    grantTable(effects, this.orderEffects, ['UpdateItem']);
    effects.addEnvironment(ORDERS_ENV.orderEffectsTable, this.orderEffects.tableName);
    consumeEventStream({ fn: effects, table: props.eventStore.table, deadLetterQueue: this.deadLetterQueue, match: { streamPrefixes: ['payment#', 'reservation#'] } });

    const common = { eventStore: props.eventStore, deadLetterQueue: this.deadLetterQueue };
    this.repairs.push(
      versionedProjection(this, { ...common, id: 'ProjectOrders', entry: 'orders/projections/project-orders.ts', description: 'Projects order events into the orders view', table: this.orders, env: ORDERS_ENV.ordersTable, prefix: streamPrefix('order'), writes: ['PutItem'] }),
      versionedProjection(this, { ...common, id: 'ProjectProducts', entry: 'orders/projections/project-products.ts', description: 'Projects product events into the products view', table: this.products, env: ORDERS_ENV.productsTable, prefix: streamPrefix('product'), writes: ['PutItem'] }),
      // Counters move by UpdateItem ADD, in one transaction with a PutItem of the event's marker.
      versionedProjection(this, { ...common, id: 'ProjectStats', entry: 'orders/projections/project-stats.ts', description: 'Counts orders by status, revenue by day and saga outcomes', table: this.stats, env: ORDERS_ENV.statsTable, prefix: streamPrefix('order'), writes: ['PutItem', 'UpdateItem'] }),
    );
  }

  /** The stream consumers' dead-letter queue and each projection's parked events. */
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
