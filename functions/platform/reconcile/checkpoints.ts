import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where a reconciler's long check stopped: the key of the next page to read, kept between runs. */
export type Checkpoints = {
  cursorOf(check: string): Promise<Record<string, unknown> | undefined>;
  /** Keeps `cursor` for the check's next run; none means the check went to its end and starts over next time. */
  save(check: string, cursor: Record<string, unknown> | undefined): Promise<void>;
};

/** Checkpoints in a small table keyed by `check`, one item per long check of a reconciler (written with PutItem only). */
export function dynamoDbCheckpoints(client: DynamoDBDocumentClient, tableName: string): Checkpoints {
  return {
    async cursorOf(check) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { check }, ConsistentRead: true }));
      return Item?.cursor as Record<string, unknown> | undefined;
    },
    async save(check, cursor) {
      // No cursor kept: the check went to its end (the item stays, saying when).
      await client.send(new PutCommand({ TableName: tableName, Item: { check, ...(cursor ? { cursor } : {}), savedAt: new Date().toISOString() } }));
    },
  };
}
