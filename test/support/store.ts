import { DynamoDBClient, ScanCommand, type ScanCommandOutput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clientConfig, testEnv } from './test-env';

/** Every context's events table, by the stack outputs that name them (`<Context>EventsTableName`). */
export function eventsTables(): string[] {
  const tables = Object.entries(testEnv().outputs ?? {}).filter(([name]) => name.endsWith('EventsTableName')).map(([, table]) => table);
  if (tables.length === 0) throw new Error('the stack outputs name no events table (<Context>EventsTableName)');
  return tables;
}

/** Every item of every events table, as plain objects (the whole store: use on a test system only). */
export async function allStoredEvents(): Promise<Record<string, any>[]> {
  const client = new DynamoDBClient(clientConfig('dynamodb'));
  const items: Record<string, any>[] = [];
  for (const table of eventsTables()) {
    let start: ScanCommandOutput['LastEvaluatedKey'];
    do {
      const page: ScanCommandOutput = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return items;
}

/** The correlation ids of every event in the store: a request id found here appended something. */
export async function correlationIdsInStore(): Promise<Set<string>> {
  return new Set((await allStoredEvents()).map((item) => String(item.meta?.correlationId ?? '')));
}
