import { randomUUID } from 'node:crypto';
import { BatchGetItemCommand, BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbMetering, tablesNamed } from '../../../local/dynamodb/dynamodb-metering';
import { dynamoDbLocalConfig } from '../../support/test-env';

describe('metering what the functions consume of DynamoDB Local', () => {
  const local = dynamoDbLocalConfig();
  const metering = new DynamoDbMetering(local.endpoint!);
  let client: DynamoDBClient;
  const TableName = `metering-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    client = new DynamoDBClient({ ...local, endpoint: await metering.listen() });
    await client.send(
      new CreateTableCommand({ TableName, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] }),
    );
  });
  afterAll(() => metering.close());

  it('adds up read and write units, a transaction 2 per item as AWS bills it, and passes answers through', async () => {
    await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' }, text: { S: 'x'.repeat(1500) } } }));
    expect(metering.snapshot()).toMatchObject({ writeUnits: 2, readUnits: 0 });

    // DynamoDB Local reports 2 for this whole transaction; AWS bills 2 for each of its items.
    await client.send(new TransactWriteItemsCommand({ TransactItems: ['b', 'c'].map((pk) => ({ Put: { TableName, Item: { pk: { S: pk } } } })) }));
    expect(metering.snapshot().writeUnits).toBe(2 + 2 * 2);
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName, Item: { pk: { S: 'd' }, text: { S: 'x'.repeat(1500) } } } },
          { Update: { TableName, Key: { pk: { S: 'e' } }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
          { Put: { TableName, Item: { pk: { S: 'f' } } } },
        ],
      }),
    );
    expect(metering.snapshot().writeUnits).toBe(2 + 2 * 2 + (2 * 2 + 2 + 2));

    const { Item, ConsumedCapacity } = await client.send(new GetItemCommand({ TableName, Key: { pk: { S: 'a' } }, ConsistentRead: true }));
    expect(Item?.text?.S).toHaveLength(1500);
    expect(ConsumedCapacity).toMatchObject({ CapacityUnits: 1 });
    const usage = metering.snapshot();
    expect(usage).toMatchObject({ readUnits: 1, calls: { PutItem: 1, TransactWriteItems: 2, GetItem: 1 } });
    // Six items written: one Put, then two, then three in transactions (the floor of the bench's cost table counts them).
    expect(usage.byTable[TableName]).toEqual({ readUnits: 1, writeUnits: 14, itemWrites: 6 });
  });

  it("counts a BatchGetItem's keys as AWS bills them, those with no item too (DynamoDB Local reports the found ones only)", async () => {
    const before = metering.snapshot().readUnits;
    const keys = ['a', `none-${randomUUID()}`, `none-${randomUUID()}`].map((pk) => ({ pk: { S: pk } }));
    const { Responses } = await client.send(new BatchGetItemCommand({ RequestItems: { [TableName]: { Keys: keys, ConsistentRead: true } } }));
    expect(Responses?.[TableName]).toHaveLength(1);
    // One found, two not: 1 unit each, strongly consistent.
    expect(metering.snapshot().readUnits).toBe(before + 3);
    await client.send(new BatchGetItemCommand({ RequestItems: { [TableName]: { Keys: keys.slice(1) } } }));
    // Eventually consistent: half a unit each.
    expect(metering.snapshot().readUnits).toBe(before + 3 + 1);
  });

  it('passes errors through unchanged and does not count a refused write', async () => {
    const before = metering.snapshot().writeUnits;
    await expect(
      client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(pk)' })),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(metering.snapshot().writeUnits).toBe(before);
  });

  it('tells its listeners which tables each successful write changed (the stream pollers wake on it), and nothing of reads or refused writes', async () => {
    const written: string[][] = [];
    metering.onWrite((tables) => written.push(tables));
    await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'w1' } } }));
    await client.send(new TransactWriteItemsCommand({ TransactItems: ['w2', 'w3'].map((pk) => ({ Put: { TableName, Item: { pk: { S: pk } } } })) }));
    await client.send(new BatchWriteItemCommand({ RequestItems: { [TableName]: [{ PutRequest: { Item: { pk: { S: 'w4' } } } }] } }));
    await client.send(new GetItemCommand({ TableName, Key: { pk: { S: 'w1' } } }));
    await expect(client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'w1' } }, ConditionExpression: 'attribute_not_exists(pk)' }))).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(written).toEqual([[TableName], [TableName], [TableName]]);
  });

  it('names every table of a write request', () => {
    expect(tablesNamed({ TableName: 'a' })).toEqual(['a']);
    expect(tablesNamed({ RequestItems: { b: [], c: [] } })).toEqual(['b', 'c']);
    expect(tablesNamed({ TransactItems: [{ Put: { TableName: 'd' } }, { Update: { TableName: 'e' } }, { ConditionCheck: { TableName: 'd' } }] })).toEqual(['d', 'e']);
  });
});
