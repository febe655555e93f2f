import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { ENV } from '../contract/environment';
import { streamPrefix } from '../domain/streams';
import { countInStoreFigures } from './store-figures';
import type { BatchCounter } from './stream-fan-out';

/** The store figures as a counter of a context's fan-out: every event of the context's aggregates counted once, a batch at a time (GET /stats shows them). */
export function storeFiguresCounter(aggregates: readonly string[], client: DynamoDBDocumentClient = documentClient()): BatchCounter {
  const tableName = requireEnv(ENV.storeFiguresTable);
  return {
    name: 'store-figures',
    prefixes: aggregates.map(streamPrefix),
    count: async (events) => {
      const { moved } = await countInStoreFigures(client, tableName, events);
      return events.filter((event) => moved.some((m) => m.streamId === event.streamId && m.version === event.version));
    },
  };
}
