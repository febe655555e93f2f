import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { storedEventsInOrder } from '../batch/stored-events-in-order';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { ENV } from '../contract/environment';
import { observed } from '../observability/observed';
import { emitProjectionLag } from '../observability/projection-lag';
import { unversionedSchemas } from '../eventstore';
import { countInStoreFigures } from './store-figures';

const client = documentClient();
const tableName = requireEnv(ENV.storeFiguresTable);

/** Stream consumer of a context's events table: every event of every aggregate → the store figures table (GET /stats shows it). */
export const handler = observed<DynamoDBStreamEvent, DynamoDBBatchResponse>(
  () => ({}),
  (event) =>
    storedEventsInOrder(event.Records, 'store figures', unversionedSchemas, async (stored) => {
      if ((await countInStoreFigures(client, tableName, stored)) === 'applied') emitProjectionLag('store-figures', stored);
    }),
);
