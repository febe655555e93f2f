import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDbMetering } from '../../../local/dynamodb/dynamodb-metering';
import { dynamoDbCallFaults } from '../../../local/dynamodb/dependency-faults';
import { LocalFaults } from '../../../local/faults';
import { accessKeyIdFor } from '../../../local/iam';
import { dynamoDbLocalConfig } from '../../support/test-env';

describe("a test's faults on the DynamoDB calls a function makes (local runtime)", () => {
  const local = dynamoDbLocalConfig();
  const metering = new DynamoDbMetering(local.endpoint!);
  const faults = new LocalFaults();
  const timedOut: { functionName: string; matched: boolean }[] = [];
  const functions = ['Orderline-dev-ChargePaymentFunctionAB12', 'Orderline-dev-RefundPaymentFunctionCD34'];
  const byKey = new Map(functions.map((name) => [accessKeyIdFor(name), name]));
  metering.setFaults(dynamoDbCallFaults(faults, (key) => byKey.get(key), (functionName, matches) => timedOut.push({ functionName, matched: matches({ orderId: 'o-1' }) })));
  const TableName = `Orderline-dev-PaymentGatewayLedger-${randomUUID().slice(0, 8)}`;
  let endpoint: string;
  /** A client signing as the function, trying each call once (the SDK's own retries would hide the count). */
  const clientOf = (functionName: string) =>
    new DynamoDBClient({ ...local, endpoint, maxAttempts: 1, credentials: { accessKeyId: accessKeyIdFor(functionName), secretAccessKey: 'local' } });
  let charge: DynamoDBClient;
  let refund: DynamoDBClient;
  const put = (client: DynamoDBClient, pk: string) => client.send(new PutItemCommand({ TableName, Item: { pk: { S: pk } } }));
  const stored = async (pk: string) => (await refund.send(new GetItemCommand({ TableName, Key: { pk: { S: pk } }, ConsistentRead: true }))).Item !== undefined;

  beforeAll(async () => {
    endpoint = await metering.listen();
    charge = clientOf(functions[0]!);
    refund = clientOf(functions[1]!);
    await new DynamoDBClient(local).send(
      new CreateTableCommand({ TableName, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] }),
    );
  });
  afterAll(() => metering.close());
  afterEach(() => faults.clear());

  it('throttles the calls of one function n times before they reach the table, then lets them through', async () => {
    faults.add({ kind: 'dependency', dependency: 'dynamodb', function: 'ChargePayment', table: 'PaymentGatewayLedger', error: { name: 'ProvisionedThroughputExceededException', message: 'slow down' }, times: 2 });
    await expect(put(refund, 'r-1')).resolves.toBeDefined();
    await expect(put(charge, 'c-1')).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException', message: 'slow down', $metadata: { httpStatusCode: 400 } });
    await expect(put(charge, 'c-1')).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
    expect(await stored('c-1')).toBe(false);
    await expect(put(charge, 'c-1')).resolves.toBeDefined();
    expect(await stored('c-1')).toBe(true);
  });

  it('loses the answer of a call after it did its work, only for a request naming the order and containing the text asked', async () => {
    faults.add({ kind: 'dependency', dependency: 'dynamodb', function: 'ChargePayment', orderId: 'o-1', requestContains: 'PutItem-me', when: 'after', error: { name: 'InternalServerError', message: 'lost' }, times: 1 });
    await expect(put(charge, 'o-2 PutItem-me')).resolves.toBeDefined();
    await expect(put(charge, 'o-1 other')).resolves.toBeDefined();
    await expect(put(charge, 'o-1 PutItem-me')).rejects.toMatchObject({ name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
    expect(await stored('o-1 PutItem-me')).toBe(true);
  });

  it('times out the invocation making the call, after the write, and drops the connection', async () => {
    faults.add({ kind: 'dependency', dependency: 'dynamodb', function: 'ChargePayment', orderId: 'o-1', operation: 'PutItem', when: 'after', error: { name: 'Sandbox.Timedout', message: 'timed out' }, times: 1 });
    await expect(put(charge, 'o-1 timeout')).rejects.toBeDefined();
    expect(timedOut).toEqual([{ functionName: functions[0], matched: true }]);
    expect(await stored('o-1 timeout')).toBe(true);
  });

  it('leaves calls it cannot tell the caller of alone', async () => {
    faults.add({ kind: 'dependency', dependency: 'dynamodb', function: 'Orderline', error: { name: 'ThrottlingException', message: 'no' }, times: 1 });
    await expect(new DynamoDBClient({ ...local, endpoint, maxAttempts: 1 }).send(new PutItemCommand({ TableName, Item: { pk: { S: 'anon' } } }))).resolves.toBeDefined();
    await expect(put(charge, 'named')).rejects.toMatchObject({ name: 'ThrottlingException' });
  });
});
