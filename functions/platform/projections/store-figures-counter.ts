import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { ENV } from '../contract/environment';
import { streamPrefix } from '../domain/streams';
import { countInStoreFigures } from './store-figures';
import type { StreamView } from './stream-fan-out';

/** The store figures as a view of a context's fan-out: every event of the context's aggregates counted once (GET /stats shows them). */
export function storeFiguresView(aggregates: readonly string[], client: DynamoDBDocumentClient = documentClient()): StreamView {
  const tableName = requireEnv(ENV.storeFiguresTable);
  return { name: 'store-figures', prefixes: aggregates.map(streamPrefix), project: (event) => countInStoreFigures(client, tableName, event) };
}
