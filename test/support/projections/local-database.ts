import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, type KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '../../../local/dynamodb/dynamodb-local';
import type { StoredEvent } from '../../../functions/platform/eventstore';
import { createEventsTable } from '../dynamodb';
import { testEnv } from '../test-env';

export type LocalDatabase = { client: DynamoDBDocumentClient; stop(): Promise<void> };

const LOCAL = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

/**
 * DynamoDB Local for a projection test file: the one `npm test` started for the run if it
 * answers, or else one of the file's own (a file run alone, with a no-op global setup). Never a
 * real account: a run against AWS or LocalStack gets its own DynamoDB Local too.
 */
export async function localDatabase(): Promise<LocalDatabase> {
  const shared = await sharedEndpoint();
  const own = shared ? undefined : await startDynamoDbLocal();
  const endpoint = shared ?? own!.endpoint;
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ ...LOCAL, endpoint }), { marshallOptions: { removeUndefinedValues: true } });
  return {
    client,
    stop: async () => {
      client.destroy();
      await own?.stop();
    },
  };
}

async function sharedEndpoint(): Promise<string | undefined> {
  let endpoint: string | undefined;
  try {
    const env = testEnv();
    endpoint = env.target === 'local' ? env.dynamodbEndpoint : undefined;
  } catch {
    return undefined; // no test run going on
  }
  if (!endpoint) return undefined;
  const probe = new DynamoDBClient({ ...LOCAL, endpoint, maxAttempts: 1, requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 } });
  try {
    await probe.send(new ListTablesCommand({ Limit: 1 }));
    return endpoint;
  } catch {
    return undefined; // a test run that is over left its endpoint behind
  } finally {
    probe.destroy();
  }
}

/** A fresh table with string keys: a view table as the stack makes them (indexes aside). */
export async function createViewTable(client: DynamoDBDocumentClient, keys: [string, 'HASH' | 'RANGE'][]): Promise<string> {
  const name = `projection-${randomUUID()}`;
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: keys.map(([AttributeName, KeyType]): KeySchemaElement => ({ AttributeName, KeyType })),
      AttributeDefinitions: keys.map(([AttributeName]) => ({ AttributeName, AttributeType: 'S' })),
    }),
  );
  return name;
}

export const VIEW_KEYS = {
  orders: [['orderId', 'HASH']],
  products: [['sku', 'HASH']],
  stats: [['pk', 'HASH'], ['sk', 'RANGE']],
} satisfies Record<string, [string, 'HASH' | 'RANGE'][]>;

/** An events table holding these events, written as the store writes them (one item per event). */
export async function eventsTableWith(client: DynamoDBDocumentClient, events: StoredEvent[]): Promise<string> {
  const tableName = await createEventsTable(client);
  await putEvents(client, tableName, events);
  return tableName;
}

/** Writes events into an events table; an event already there is replaced (how a test "fixes" one). */
export async function putEvents(client: DynamoDBDocumentClient, tableName: string, events: StoredEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 25) {
    await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: events.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

/** Every item of a table, in a stable order, to compare two tables. */
export async function scanAll(client: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (item: Record<string, unknown>) => JSON.stringify([item.orderId, item.sku, item.pk, item.sk]);
  return items.sort((a, b) => key(a).localeCompare(key(b)));
}
