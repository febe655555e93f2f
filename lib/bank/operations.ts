import { PUBLISHED_EVENTS } from '../../functions/bank/contract/published-events';
import { BANK_AGGREGATES } from '../../functions/bank/domain/streams';
import { eventSchemas } from '../../functions/bank/domain';
import { accountProjection } from '../../functions/bank/projections/account-projector';
import { transactionsProjection } from '../../functions/bank/projections/transactions-projector';
import { transferProjection } from '../../functions/bank/projections/transfer-projector';
import { reconcileTransfers } from '../../functions/bank/reconcile/reconcile';
import { BANK_OPERATIONS, BANK_SCHEMAS } from '../../functions/bank/http/openapi';
import { createEventStore } from '../../functions/platform/eventstore';
import { sagaExecutions } from '../../functions/platform/saga/saga-executions';
import { ENV } from '../../functions/platform/contract/environment';
import type { ContextOperations } from '../platform/operations';
import { TRANSFER_INDEXES } from './indexes';

/** The bank, as the operator tools see it. */
export const operations: ContextOperations = {
  name: 'bank',
  api: { operations: BANK_OPERATIONS, schemas: BANK_SCHEMAS },
  bus: { aggregates: BANK_AGGREGATES, published: PUBLISHED_EVENTS },
  eventsOutput: 'BankEventsTableName',
  schemas: eventSchemas,
  views: {
    accounts: { output: 'AccountsTableName', projection: accountProjection },
    transactions: { output: 'TransactionsTableName', projection: transactionsProjection },
    transfers: { output: 'TransfersTableName', projection: transferProjection },
  },
  reconcile: {
    idFlag: 'transfer',
    run: ({ output, optionalOutput, client, sfn, graceMs, lookbackMs, ids }) =>
      reconcileTransfers({
        store: createEventStore({ client, tableName: output('BankEventsTableName'), schemas: eventSchemas }),
        client,
        executions: sagaExecutions(sfn, output('TransferSagaArn'), client, { [ENV.sagaRunsTable]: optionalOutput('TransferSagaRunsTableName') }),
        transfersTable: output('TransfersTableName'),
        transfersByStatusIndex: TRANSFER_INDEXES.byStatus,
        sagaGraceMs: graceMs,
        lookbackMs,
        transferIds: ids,
      }),
  },
};
