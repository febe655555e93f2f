import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AGGREGATES, streamPrefix } from '../../functions/platform/domain/streams';
import { deadLetterQueue, type HasDeadLetterQueues } from '../platform/dead-letter-queue';
import type { EventStore } from '../platform/event-store';
import { HandlerFunction } from '../platform/handler-function';
import { consumeEventStream } from '../platform/stream-consumer';
import { grantTable, type TableAction } from '../platform/table-access';
import { ENV, type EnvName } from '../../functions/platform/contract/environment';

export type ReadModelsProps = {
  /** The event store: its stream feeds the projections, and they read its table to heal a gap or repair a row. */
  eventStore: EventStore;
};

/** A projection's function timeout; its repair queue hides a message six times as long, as AWS advises for SQS event sources. */
const PROJECTION_TIMEOUT = Duration.seconds(10);
/** Receives of a repair message before it goes back to the parked queue. */
const REPAIR_MAX_RECEIVES = 5;

/** A projection's queues: `queue` takes repairs (what `npm run redrive` moves back), `parked` holds the events it could not apply. */
export type ProjectionRepairs = { id: string; queue: Queue; parked: Queue };

/** Index names of the orders view, shared with the query handlers through their environment. */
export const ORDER_INDEXES = { byCustomer: 'byCustomer', byStatus: 'byStatus' } as const;

/** Index names of the bank's views. */
export const ACCOUNT_INDEXES = { byOwner: 'byOwner' } as const;
/** Every transaction by time (a sparse index: the rows of parked events have no `feed`). */
export const TRANSACTION_INDEXES = { byTime: 'byTime' } as const;
export const TRANSFER_INDEXES = { byRequester: 'byRequester', byStatus: 'byStatus' } as const;

/** The views a query handler can read (`accounts` is the accounts view and its transactions). */
export type ViewName = 'orders' | 'products' | 'stats' | 'accounts' | 'transfers';

/**
 * The read side: the orders, products and stats views, and the bank's accounts, transactions and transfers, each kept by its own stream consumer that
 * gets only the streams it needs. Query handlers read these tables only.
 */
export class ReadModels extends Construct implements HasDeadLetterQueues {
  readonly orders: Table;
  readonly products: Table;
  readonly stats: Table;
  /** The bank: accounts (balance, status, owner), their transactions, and transfers with their status. */
  readonly accounts: Table;
  readonly transactions: Table;
  readonly transfers: Table;
  /** What was done about each order's money and stock (from the payment and product streams). */
  readonly orderEffects: Table;
  /** Where the stream puts the position of a record that failed for a transient reason past its retries. */
  readonly deadLetterQueue: Queue;
  /** Per projection (`ProjectOrders`, `ProjectProducts`, `ProjectStats`, and the bank's): its repair queue and its parked-events queue. */
  readonly repairs: ProjectionRepairs[] = [];

  constructor(scope: Construct, id: string, props: ReadModelsProps) {
    super(scope, id);
    // Views can be rebuilt from the events table, so they are not worth keeping on deletion.
    const view = (name: string, partitionKey: string, sortKey?: string, timeToLiveAttribute?: string) =>
      new Table(this, name, {
        partitionKey: { name: partitionKey, type: AttributeType.STRING },
        sortKey: sortKey ? { name: sortKey, type: AttributeType.STRING } : undefined,
        billingMode: BillingMode.PAY_PER_REQUEST,
        removalPolicy: RemovalPolicy.DESTROY,
        timeToLiveAttribute,
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
    // Event-id markers expire (expiresAt) once no copy of their event can arrive.
    this.stats = view('Stats', 'pk', 'sk', 'expiresAt');
    this.accounts = view('Accounts', 'accountId');
    this.accounts.addGlobalSecondaryIndex({ indexName: ACCOUNT_INDEXES.byOwner, partitionKey: { name: 'ownerId', type: AttributeType.STRING }, sortKey: { name: 'openedAt', type: AttributeType.STRING } });
    // Newest first is a descending query on the zero-padded version.
    this.transactions = view('Transactions', 'accountId', 'seq');
    this.transactions.addGlobalSecondaryIndex({ indexName: TRANSACTION_INDEXES.byTime, partitionKey: { name: 'feed', type: AttributeType.STRING }, sortKey: { name: 'at', type: AttributeType.STRING } });
    this.transfers = view('Transfers', 'transferId');
    for (const [indexName, partitionKey] of [[TRANSFER_INDEXES.byRequester, 'requestedBy'], [TRANSFER_INDEXES.byStatus, 'status']] as const) {
      this.transfers.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: partitionKey, type: AttributeType.STRING },
        sortKey: { name: 'requestedAt', type: AttributeType.STRING },
      });
    }
    this.deadLetterQueue = deadLetterQueue(this, 'ProjectionDeadLetters');
    this.orderEffects = view('OrderEffects', 'orderId');
    const effects = new HandlerFunction(this, 'ProjectOrderEffects', { entry: 'orders/projections/project-order-effects.ts', description: "Keeps each order's payment and stock status", timeout: PROJECTION_TIMEOUT });
    // Every write is an UpdateItem of one attribute, guarded by that stream's version.
    grantTable(effects, this.orderEffects, ['UpdateItem']);
    effects.addEnvironment(ENV.orderEffectsTable, this.orderEffects.tableName);
    consumeEventStream({ fn: effects, table: props.eventStore.table, deadLetterQueue: this.deadLetterQueue, match: { streamPrefixes: ['payment#', 'reservation#'] } });

    // The event store's figures: every event of every aggregate, counted once into the stats table.
    const figures = new HandlerFunction(this, 'ProjectStoreFigures', { entry: 'platform/projections/project-store-figures.ts', description: 'Counts events and streams per aggregate type', timeout: PROJECTION_TIMEOUT });
    // A marker PutItem and the counters' UpdateItem ADD, in one transaction.
    grantTable(figures, this.stats, ['PutItem', 'UpdateItem']);
    figures.addEnvironment(ENV.statsTable, this.stats.tableName);
    consumeEventStream({ fn: figures, table: props.eventStore.table, deadLetterQueue: this.deadLetterQueue, match: { streamPrefixes: AGGREGATES.map(streamPrefix) } });

    const projections: { id: string; entry: string; description: string; table: Table; env: EnvName; prefix: string; writes: TableAction[] }[] = [
      { id: 'ProjectOrders', entry: 'orders/projections/project-orders.ts', description: 'Projects order events into the orders view', table: this.orders, env: ENV.ordersTable, prefix: streamPrefix('order'), writes: ['PutItem'] },
      { id: 'ProjectProducts', entry: 'orders/projections/project-products.ts', description: 'Projects product events into the products view', table: this.products, env: ENV.productsTable, prefix: streamPrefix('product'), writes: ['PutItem'] },
      // Counters move by UpdateItem ADD, in one transaction with a PutItem of the event's marker.
      { id: 'ProjectStats', entry: 'orders/projections/project-stats.ts', description: 'Counts orders by status, revenue by day and saga outcomes', table: this.stats, env: ENV.statsTable, prefix: streamPrefix('order'), writes: ['PutItem', 'UpdateItem'] },
      { id: 'ProjectAccounts', entry: 'bank/projections/project-accounts.ts', description: 'Projects account events into the accounts view', table: this.accounts, env: ENV.accountsTable, prefix: streamPrefix('account'), writes: ['PutItem'] },
      // One conditional PutItem per money movement.
      { id: 'ProjectTransactions', entry: 'bank/projections/project-transactions.ts', description: 'Projects account events into the transactions view', table: this.transactions, env: ENV.transactionsTable, prefix: streamPrefix('account'), writes: ['PutItem'] },
      { id: 'ProjectTransfers', entry: 'bank/projections/project-transfers.ts', description: 'Projects transfer events into the transfers view', table: this.transfers, env: ENV.transfersTable, prefix: streamPrefix('transfer'), writes: ['PutItem'] },
    ];
    for (const projection of projections) {
      const fn = new HandlerFunction(this, projection.id, { entry: projection.entry, description: projection.description, timeout: PROJECTION_TIMEOUT });
      grantTable(fn, projection.table, ['GetItem', ...projection.writes]);
      fn.addEnvironment(projection.env, projection.table.tableName);
      // A gap is healed, and a repair redone, from the events table.
      props.eventStore.bindRead(fn);
      consumeEventStream({ fn, table: props.eventStore.table, deadLetterQueue: this.deadLetterQueue, match: { streamPrefixes: [projection.prefix] } });
      this.repairs.push({ id: projection.id, ...this.repairQueues(fn, projection.id) });
    }
  }

  /** The stream consumers' dead-letter queue and each projection's parked events. */
  get deadLetterQueues(): readonly Queue[] {
    return [this.deadLetterQueue, ...this.repairs.map((r) => r.parked)];
  }

  /**
   * A projection's poison path: the function parks an event it cannot apply, content and reason,
   * in the parked queue (SendMessage only); `npm run redrive` moves it back to the repair queue,
   * which the same function consumes; a repair that keeps failing goes back to the parked queue.
   */
  private repairQueues(fn: HandlerFunction, id: string): Omit<ProjectionRepairs, 'id'> {
    const parked = deadLetterQueue(this, `${id}Parked`);
    const queue = new Queue(this, `${id}Repairs`, {
      retentionPeriod: Duration.days(14),
      visibilityTimeout: Duration.seconds(PROJECTION_TIMEOUT.toSeconds() * 6),
      enforceSSL: true,
      deadLetterQueue: { queue: parked, maxReceiveCount: REPAIR_MAX_RECEIVES },
    });
    fn.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
    Grant.addToPrincipal({ grantee: fn, actions: ['sqs:SendMessage'], resourceArns: [parked.queueArn] });
    fn.addEnvironment(ENV.parkedEventsQueueUrl, parked.queueUrl);
    return { queue, parked };
  }

  /** Lets a query handler read some views (item reads, their index queries, paged scans); gives it their table and index names. */
  bindRead(fn: LambdaFunction, views: ViewName[]): void {
    if (views.includes('orders')) {
      grantTable(fn, this.orderEffects, ['GetItem']);
      fn.addEnvironment(ENV.orderEffectsTable, this.orderEffects.tableName);
      grantTable(fn, this.orders, ['GetItem', 'Query', 'Scan'], Object.values(ORDER_INDEXES));
      fn.addEnvironment(ENV.ordersTable, this.orders.tableName);
      fn.addEnvironment(ENV.ordersByCustomerIndex, ORDER_INDEXES.byCustomer);
      fn.addEnvironment(ENV.ordersByStatusIndex, ORDER_INDEXES.byStatus);
    }
    if (views.includes('products')) {
      grantTable(fn, this.products, ['GetItem', 'Scan']);
      fn.addEnvironment(ENV.productsTable, this.products.tableName);
    }
    if (views.includes('accounts')) {
      grantTable(fn, this.accounts, ['GetItem', 'Query', 'Scan'], Object.values(ACCOUNT_INDEXES));
      fn.addEnvironment(ENV.accountsTable, this.accounts.tableName);
      fn.addEnvironment(ENV.accountsByOwnerIndex, ACCOUNT_INDEXES.byOwner);
      grantTable(fn, this.transactions, ['Query'], Object.values(TRANSACTION_INDEXES));
      fn.addEnvironment(ENV.transactionsTable, this.transactions.tableName);
      fn.addEnvironment(ENV.transactionsByTimeIndex, TRANSACTION_INDEXES.byTime);
    }
    if (views.includes('transfers')) {
      grantTable(fn, this.transfers, ['GetItem', 'Query', 'Scan'], Object.values(TRANSFER_INDEXES));
      fn.addEnvironment(ENV.transfersTable, this.transfers.tableName);
      fn.addEnvironment(ENV.transfersByRequesterIndex, TRANSFER_INDEXES.byRequester);
      fn.addEnvironment(ENV.transfersByStatusIndex, TRANSFER_INDEXES.byStatus);
    }
    if (views.includes('stats')) {
      grantTable(fn, this.stats, ['GetItem', 'Query']);
      fn.addEnvironment(ENV.statsTable, this.stats.tableName);
    }
  }
}
