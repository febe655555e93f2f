import { SQSClient } from '@aws-sdk/client-sqs';
import { accountProjection } from './account-projector';
import { documentClient } from '../../platform/clients';
import { transactionsProjection } from './transactions-projector';
import { transferProjection } from './transfer-projector';
import { streamPrefix } from '../../platform/domain/streams';
import { projectionPortsFromEnv } from '../../platform/projections/ports-from-env';
import { storeFiguresCounter } from '../../platform/projections/store-figures-counter';
import { streamFanOutHandler } from '../../platform/projections/stream-fan-out';
import { BANK_ENV } from '../contract/environment';
import { BANK_AGGREGATES, eventSchemas } from '../domain';

const clients = { client: documentClient(), sqs: new SQSClient({}) };
const accounts = accountProjection(projectionPortsFromEnv(BANK_ENV.accountsTable, eventSchemas, clients));
const transactions = transactionsProjection(projectionPortsFromEnv(BANK_ENV.transactionsTable, eventSchemas, clients));
const transfers = transferProjection(projectionPortsFromEnv(BANK_ENV.transfersTable, eventSchemas, clients));

/** The bank's one views reader of its events stream: the accounts, transactions and transfers views, and the store figures. */
export const handler = streamFanOutHandler(
  [
    { name: 'accounts', prefixes: [streamPrefix('account')], project: accounts.project },
    { name: 'transactions', prefixes: [streamPrefix('account')], project: transactions.project },
    { name: 'transfers', prefixes: [streamPrefix('transfer')], project: transfers.project },
  ],
  eventSchemas,
  [storeFiguresCounter(BANK_AGGREGATES, clients.client)],
);
