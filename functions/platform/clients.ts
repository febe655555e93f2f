import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createEventStore, type EventSchemas, type EventStore } from './eventstore';
import { requireEnv } from './config';
import { ENV } from './contract/environment';

/**
 * One DynamoDB document client per container. The endpoint comes from the SDK's own settings
 * (`AWS_ENDPOINT_URL_DYNAMODB` locally), so handlers have no local special case.
 */
export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/**
 * The event store on the table named by `EVENTS_TABLE`, reading and writing the domain's event
 * schemas. Snapshots are kept in `SNAPSHOTS_TABLE` when the stack gives one: only appending
 * functions get it, and a store without it simply replays whole streams.
 */
export function eventStoreFromEnv(schemas: EventSchemas, client: DynamoDBDocumentClient = documentClient()): EventStore {
  return createEventStore({
    client,
    tableName: requireEnv(ENV.eventsTable),
    snapshotsTableName: process.env.SNAPSHOTS_TABLE || undefined,
    schemas,
  });
}
