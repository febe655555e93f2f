import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDbMetering } from '../../../../local/dynamodb/dynamodb-metering';
import { LocalEdge } from '../../../../local/edge/edge';
import { accessKeyIdFor } from '../../../../local/iam/access-keys';
import { IamEnforcer } from '../../../../local/iam/enforcer';
import { compilePolicy } from '../../../../local/iam/policy';
import type { RoleSession } from '../../../../local/iam/role';

/**
 * A denied call must reach handler code exactly as AWS's answer would: through the real SDK v3
 * clients, the error's name and message. The services behind the guard are stubs: only the
 * guard's answers are under test.
 */
const ACCOUNT = '000000000000';
const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Orderline-dev-Events`;
const MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:Orderline-dev-OrderSaga`;
const BUS = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orderline`;
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:Orderline-dev-Parking`;
const FUNCTION = 'Orderline-dev-HttpCreateOrder40BFC924';
const ROLE = 'Orderline-dev-HttpCreateOrderRole1548A549';
const CALLER = `arn:aws:sts::${ACCOUNT}:assumed-role/${ROLE}/${FUNCTION}`;

const session: RoleSession = {
  sessionName: FUNCTION,
  label: FUNCTION,
  role: {
    roleName: ROLE,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/${ROLE}`,
    roleId: ROLE,
    policies: [
      compilePolicy(
        'DefaultPolicy',
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:DeleteItem'], Resource: TABLE },
            { Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: TABLE },
            { Effect: 'Allow', Action: 'states:DescribeExecution', Resource: `arn:aws:states:us-east-1:${ACCOUNT}:execution:Orderline-dev-OrderSaga:*` },
          ],
        },
        new Set(),
      ),
    ],
  },
};
const key = accessKeyIdFor(FUNCTION);
const asFunction = { region: 'us-east-1', credentials: { accessKeyId: key, secretAccessKey: 'local' }, maxAttempts: 1 };
const asOwner = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 };
const noPolicyAllows = (action: string, resource: string) => `User: ${CALLER} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

let stub: Server;
let metering: DynamoDbMetering;
let edge: LocalEdge;
let dynamodbUrl: string;
let edgeUrl: string;
const logged: string[] = [];
const upstreamCalls: string[] = [];

beforeAll(async () => {
  // DynamoDB Local's stand-in: answers every call that gets through with an empty success.
  stub = createServer((req, res) => {
    upstreamCalls.push(String(req.headers['x-amz-target']));
    req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}'));
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  const enforcer = new IamEnforcer({ naming: { partition: 'aws', region: 'us-east-1', accountId: ACCOUNT, tableKeys: () => undefined }, log: (line) => logged.push(line) });
  enforcer.addCaller(key, session);
  metering = new DynamoDbMetering(`http://127.0.0.1:${(stub.address() as AddressInfo).port}`);
  metering.setGuard((headers, body, url) => enforcer.guardCall(headers, body, url));
  dynamodbUrl = await metering.listen();
  const ok = async () => ({ status: 200, body: { executionArn: `${MACHINE}:x`, startDate: 1, FailedEntryCount: 0, Entries: [{ EventId: 'e' }], MessageId: 'm', MD5OfMessageBody: '' } });
  edge = new LocalEdge({ AWSStepFunctions: ok, AWSEvents: ok, AmazonSQS: ok });
  edge.setGuard((headers, body, url) => enforcer.guardCall(headers, body, url));
  edgeUrl = await edge.listen(0);
});

afterAll(async () => {
  await Promise.all([metering.close(), edge.close(), new Promise((resolve) => stub.close(resolve))]);
});

describe('a denied call, as the AWS SDK v3 clients see it', () => {
  it('DynamoDB: AccessDeniedException with AWS\'s message, HTTP 400, never reaching DynamoDB Local', async () => {
    const client = new DynamoDBClient({ ...asFunction, endpoint: dynamodbUrl });
    const error = await client.send(new PutItemCommand({ TableName: 'Orderline-dev-Events', Item: { streamId: { S: 'order#1' } } })).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'AccessDeniedException', message: noPolicyAllows('dynamodb:PutItem', TABLE), $metadata: { httpStatusCode: 400 } });
    expect(upstreamCalls).toEqual([]);
    expect(logged.at(-1)).toBe(`iam: AccessDeniedException: ${FUNCTION} (role ${ROLE}) may not dynamodb:PutItem on ${TABLE}: no identity-based policy allows it`);
  });

  it('DynamoDB: an explicit deny says so', async () => {
    const client = new DynamoDBClient({ ...asFunction, endpoint: dynamodbUrl });
    const error = await client.send(new DeleteItemCommand({ TableName: 'Orderline-dev-Events', Key: { streamId: { S: 'order#1' } } })).catch((e: Error) => e);
    expect(error).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: ${CALLER} is not authorized to perform: dynamodb:DeleteItem on resource: ${TABLE} with an explicit deny in an identity-based policy`,
    });
    expect(logged.at(-1)).toContain('explicitly denied by DefaultPolicy statement #2');
  });

  it('DynamoDB: a transaction is refused as a whole when one part is not allowed', async () => {
    const client = new DynamoDBClient({ ...asFunction, endpoint: dynamodbUrl });
    const put = { Put: { TableName: 'Orderline-dev-Events', Item: { streamId: { S: 'order#1' } } } };
    await expect(client.send(new TransactWriteItemsCommand({ TransactItems: [put] }))).rejects.toMatchObject({ name: 'AccessDeniedException', message: noPolicyAllows('dynamodb:PutItem', TABLE) });
  });

  it('DynamoDB: what the role allows, and every call of the account owner (the key `local`), go through', async () => {
    await new DynamoDBClient({ ...asFunction, endpoint: dynamodbUrl }).send(new GetItemCommand({ TableName: 'Orderline-dev-Events', Key: { streamId: { S: 'order#1' } } }));
    await new DynamoDBClient({ ...asOwner, endpoint: dynamodbUrl }).send(new PutItemCommand({ TableName: 'Orderline-dev-Events', Item: { streamId: { S: 'order#1' } } }));
    expect(upstreamCalls).toEqual(['DynamoDB_20120810.GetItem', 'DynamoDB_20120810.PutItem']);
  });

  it('Step Functions: AccessDeniedException with AWS\'s message', async () => {
    const client = new SFNClient({ ...asFunction, endpoint: edgeUrl });
    await expect(client.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name: 'order-1', input: '{}' }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: noPolicyAllows('states:StartExecution', MACHINE),
      $metadata: { httpStatusCode: 400 },
    });
    await expect(client.send(new DescribeExecutionCommand({ executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:Orderline-dev-OrderSaga:order-1` }))).resolves.toBeDefined();
  });

  it('EventBridge: AccessDeniedException for the first entry whose bus is not allowed', async () => {
    const client = new EventBridgeClient({ ...asFunction, endpoint: edgeUrl });
    await expect(client.send(new PutEventsCommand({ Entries: [{ EventBusName: 'orderline', Source: 'orderline.order', DetailType: 'OrderPlaced', Detail: '{}' }] }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: noPolicyAllows('events:PutEvents', BUS),
    });
  });

  it('SQS: AccessDeniedException, the action written in lower case as SQS writes it', async () => {
    const client = new SQSClient({ ...asFunction, endpoint: edgeUrl });
    const QueueUrl = `${edgeUrl}/${ACCOUNT}/Orderline-dev-Parking`;
    await expect(client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: `User: ${CALLER} is not authorized to perform: sqs:sendmessage on resource: ${QUEUE} because no identity-based policy allows the sqs:sendmessage action`,
    });
  });
});
