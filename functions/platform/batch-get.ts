import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fullJitterPause } from './contention/retry-contended';

/** BatchGetItem takes 100 keys. */
const KEYS_PER_CALL = 100;

/**
 * Reads the items at these keys of one table, strongly consistent, however many: 100 keys a call,
 * and the keys DynamoDB left unprocessed (under throttling) asked again after a jittered, growing pause. A
 * key with no item is simply absent from the answer.
 */
export async function batchGetAll(client: DynamoDBDocumentClient, tableName: string, keys: readonly Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_CALL) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + KEYS_PER_CALL);
    for (let round = 0; pending?.length; round++) {
      if (round > 0) await fullJitterPause(round);
      const page: BatchGetCommandOutput = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(page.Responses?.[tableName] ?? []));
      pending = page.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return items;
}
