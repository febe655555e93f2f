import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDbLocalConfig } from './test-env';

/** A document client on the DynamoDB Local instance this test run started. */
export function localDocumentClient(): DynamoDBDocumentClient {
  const client = new DynamoDBClient(dynamoDbLocalConfig());
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/**
 * Creates an events-shaped table without a stream: streamed tables in one DynamoDB Local instance
 * slow each other down, and the store does not need one.
 */
export async function createEventsTable(client: DynamoDBDocumentClient): Promise<string> {
  const tableName = `test-events-${randomUUID()}`;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'streamId', KeyType: 'HASH' },
        { AttributeName: 'version', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'streamId', AttributeType: 'S' },
        { AttributeName: 'version', AttributeType: 'N' },
      ],
    }),
  );
  return tableName;
}

/** Creates a snapshots-shaped table (one item per stream, keyed by `streamId`). */
export async function createSnapshotsTable(client: DynamoDBDocumentClient): Promise<string> {
  const tableName = `test-snapshots-${randomUUID()}`;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'streamId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'streamId', AttributeType: 'S' }],
    }),
  );
  return tableName;
}
