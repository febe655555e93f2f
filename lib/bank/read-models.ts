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
import { BANK_ENV } from '../../functions/bank/contract/environment';
import { BANK_AGGREGATES } from '../../functions/bank/domain/streams';
import { ACCOUNT_INDEXES, TRANSACTION_INDEXES, TRANSFER_INDEXES } from './indexes';

/** The views a query handler can read (`accounts` is the accounts view and its transactions). */
export type ViewName = 'accounts' | 'transfers';

/**
 * The bank's read side: accounts (balance, status, owner), their transactions, and transfers with
 * their status, all kept by the bank's one views reader of its events stream, which counts the
 * store figures too.
 */
export class ReadModels extends Construct implements HasDeadLetterQueues {
  readonly accounts: Table;
  readonly transactions: Table;
  readonly transfers: Table;
  readonly deadLetterQueue: Queue;
  /** Per projection (`ProjectAccounts`, `ProjectTransactions`, `ProjectTransfers`): its repair queue and its parked-events queue. */
  readonly repairs: ProjectionRepairs[] = [];
  /** The views reader: with the forwarder to the bus, one of the stream's two readers. */
  readonly views: StreamViews;

  /** `figures`: the platform's store figures, which the views reader counts the bank's events into. */
  constructor(scope: Construct, id: string, props: { eventStore: EventStore; figures: ITable }) {
    super(scope, id);
    this.accounts = viewTable(this, 'Accounts', 'accountId');
    this.accounts.addGlobalSecondaryIndex({ indexName: ACCOUNT_INDEXES.byOwner, partitionKey: { name: 'ownerId', type: AttributeType.STRING }, sortKey: { name: 'openedAt', type: AttributeType.STRING } });
    // Newest first is a descending query on the zero-padded version.
    this.transactions = viewTable(this, 'Transactions', 'accountId', 'seq');
    this.transactions.addGlobalSecondaryIndex({ indexName: TRANSACTION_INDEXES.byTime, partitionKey: { name: 'feed', type: AttributeType.STRING }, sortKey: { name: 'at', type: AttributeType.STRING } });
    this.transfers = viewTable(this, 'Transfers', 'transferId');
    for (const [indexName, partitionKey] of [[TRANSFER_INDEXES.byRequester, 'requestedBy'], [TRANSFER_INDEXES.byStatus, 'status']] as const) {
      this.transfers.addGlobalSecondaryIndex({
        indexName,
        partitionKey: { name: partitionKey, type: AttributeType.STRING },
        sortKey: { name: 'requestedAt', type: AttributeType.STRING },
      });
    }
    this.deadLetterQueue = deadLetterQueue(this, 'ProjectionDeadLetters', { kind: 'stream-batch', source: 'ProjectViews', attempts: STREAM_RETRY_ATTEMPTS + 1 });
    this.views = new StreamViews(this, 'Views', { entry: 'bank/projections/project-views.ts', eventStore: props.eventStore, aggregates: BANK_AGGREGATES, deadLetterQueue: this.deadLetterQueue });
    bindCountStoreFigures(this.views, props.figures);
    const common = { eventStore: props.eventStore, views: this.views };
    this.repairs.push(
      versionedProjection(this, { ...common, id: 'ProjectAccounts', entry: 'bank/projections/project-accounts.ts', description: 'Repairs the accounts view from redriven parked events', table: this.accounts, env: BANK_ENV.accountsTable, writes: ['PutItem'] }),
      // One conditional PutItem per money movement.
      versionedProjection(this, { ...common, id: 'ProjectTransactions', entry: 'bank/projections/project-transactions.ts', description: 'Repairs the transactions view from redriven parked events', table: this.transactions, env: BANK_ENV.transactionsTable, writes: ['PutItem'] }),
      versionedProjection(this, { ...common, id: 'ProjectTransfers', entry: 'bank/projections/project-transfers.ts', description: 'Repairs the transfers view from redriven parked events', table: this.transfers, env: BANK_ENV.transfersTable, writes: ['PutItem'] }),
    );
  }

  get deadLetterQueues(): readonly Queue[] {
    return [this.deadLetterQueue, ...this.repairs.map((r) => r.parked)];
  }

  /** Lets a query handler read some views; gives it their table and index names. */
  bindRead(fn: LambdaFunction, views: ViewName[]): void {
    if (views.includes('accounts')) {
      grantTable(fn, this.accounts, ['GetItem', 'Query', 'Scan'], Object.values(ACCOUNT_INDEXES));
      fn.addEnvironment(BANK_ENV.accountsTable, this.accounts.tableName);
      fn.addEnvironment(BANK_ENV.accountsByOwnerIndex, ACCOUNT_INDEXES.byOwner);
      grantTable(fn, this.transactions, ['Query'], Object.values(TRANSACTION_INDEXES));
      fn.addEnvironment(BANK_ENV.transactionsTable, this.transactions.tableName);
      fn.addEnvironment(BANK_ENV.transactionsByTimeIndex, TRANSACTION_INDEXES.byTime);
    }
    if (views.includes('transfers')) {
      grantTable(fn, this.transfers, ['GetItem', 'Query', 'Scan'], Object.values(TRANSFER_INDEXES));
      fn.addEnvironment(BANK_ENV.transfersTable, this.transfers.tableName);
      fn.addEnvironment(BANK_ENV.transfersByRequesterIndex, TRANSFER_INDEXES.byRequester);
      fn.addEnvironment(BANK_ENV.transfersByStatusIndex, TRANSFER_INDEXES.byStatus);
    }
  }
}
