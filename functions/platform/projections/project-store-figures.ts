import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { storedEventsInOrder } from '../batch/stored-events-in-order';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { observed } from '../observability/observed';
import { emitProjectionLag } from '../observability/projection-lag';
import { countInStoreFigures } from './store-figures';
import { ENV } from '../contract/environment';

const client = documentClient();
const tableName = requireEnv(ENV.statsTable);

/** Stream consumer: every event of every aggregate → the event store's figures in the stats table (GET /stats). */
export const handler = observed<DynamoDBStreamEvent, DynamoDBBatchResponse>(
  () => ({}),
  (event) =>
    storedEventsInOrder(event.Records, 'store figures', async (stored) => {
      if ((await countInStoreFigures(client, tableName, stored)) === 'applied') emitProjectionLag('store-figures', stored);
    }),
);
