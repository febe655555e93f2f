import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { closedLoop } from './stats';

/**
 * The ceiling: TransactWriteItems of 3 conditional puts (what appending 3 events does) straight
 * to DynamoDB Local, on an events-shaped table of its own, with no Lambda or HTTP in between.
 */
export async function rawTransactWrites(endpoint: string, concurrency: number, seconds: number, onProgress?: (fraction: number) => void) {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1 });
  const TableName = `bench-events-${randomUUID().slice(0, 8)}`;
  await client.send(
    new CreateTableCommand({
      TableName,
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
  const data = { M: { orderId: { S: randomUUID() }, customerId: { S: 'c-1' }, total: { M: { amount: { N: '4999' }, currency: { S: 'EUR' } } } } };
  const result = await closedLoop(
    concurrency,
    seconds,
    async () => {
      const streamId = `order#${randomUUID()}`;
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [1, 2, 3].map((version) => ({
            Put: {
              TableName,
              Item: { streamId: { S: streamId }, version: { N: String(version) }, type: { S: 'OrderCreated' }, data, at: { S: new Date().toISOString() } },
              ConditionExpression: 'attribute_not_exists(version)',
            },
          })),
        }),
      );
    },
    onProgress,
  );
  await client.send(new DeleteTableCommand({ TableName }));
  return result;
}
