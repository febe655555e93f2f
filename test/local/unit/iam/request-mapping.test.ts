import { dynamoDbAccess } from '../../../../local/iam/requests/dynamodb';
import { eventBridgeAccess } from '../../../../local/iam/requests/event-bridge';
import { sqsAccess } from '../../../../local/iam/requests/sqs';
import { stepFunctionsAccess } from '../../../../local/iam/requests/step-functions';
import { UnmappableRequest, type ResourceNaming, type TableKeys } from '../../../../local/iam/requests';

const ACCOUNT = 'arn:aws:dynamodb:us-east-1:000000000000';
const TABLES: Record<string, TableKeys> = {
  events: { partitionKey: 'streamId', indexes: {} },
  idempotency: { partitionKey: 'key', indexes: {} },
  orders: { partitionKey: 'orderId', indexes: { byCustomer: 'customerId', byStatus: 'status' } },
};
const naming: ResourceNaming = {
  partition: 'aws',
  region: 'us-east-1',
  accountId: '000000000000',
  tableKeys: (table) => TABLES[table],
};

describe('which IAM actions on which resources a DynamoDB call needs', () => {
  it('TransactWriteItems: each part as its own item action on its own table, with its partition key', () => {
    const accesses = dynamoDbAccess.requiredAccess(
      'TransactWriteItems',
      {
        TransactItems: [
          { Put: { TableName: 'events', Item: { streamId: { S: 'order#1' }, version: { N: '1' }, type: { S: 'OrderCreated' } } } },
          { Put: { TableName: 'idempotency', Item: { key: { S: 'c-1#k' }, response: { S: '{}' } } } },
          { Update: { TableName: 'orders', Key: { orderId: { S: '1' } }, UpdateExpression: 'SET #s = :s, total = if_not_exists(total, :z) ADD version :one', ExpressionAttributeNames: { '#s': 'status' } } },
          { ConditionCheck: { TableName: 'events', Key: { streamId: { S: 'product#p' }, version: { N: '3' } }, ConditionExpression: 'attribute_exists(version)' } },
          { Delete: { TableName: 'idempotency', Key: { key: { S: 'old' } } } },
        ],
      },
      naming,
    );
    expect(accesses.map(({ action, resource }) => [action, resource])).toEqual([
      ['dynamodb:PutItem', `${ACCOUNT}:table/events`],
      ['dynamodb:PutItem', `${ACCOUNT}:table/idempotency`],
      ['dynamodb:UpdateItem', `${ACCOUNT}:table/orders`],
      ['dynamodb:ConditionCheckItem', `${ACCOUNT}:table/events`],
      ['dynamodb:DeleteItem', `${ACCOUNT}:table/idempotency`],
    ]);
    expect(accesses[0]?.context).toMatchObject({ 'dynamodb:LeadingKeys': ['order#1'], 'dynamodb:Attributes': ['streamId', 'version', 'type'] });
    expect(accesses[2]?.context).toMatchObject({ 'dynamodb:LeadingKeys': ['1'], 'dynamodb:Attributes': ['status', 'total', 'version'] });
    expect(accesses[3]?.context?.['dynamodb:LeadingKeys']).toEqual(['product#p']);
  });

  it('Query on an index: the index ARN, and the partition key asked for as LeadingKeys', () => {
    const [access, ...rest] = dynamoDbAccess.requiredAccess(
      'Query',
      {
        TableName: 'orders',
        IndexName: 'byCustomer',
        KeyConditionExpression: '#c = :c AND createdAt > :t',
        ExpressionAttributeNames: { '#c': 'customerId' },
        ExpressionAttributeValues: { ':c': { S: 'c-1' }, ':t': { S: '2026' } },
        ProjectionExpression: 'orderId, #c, lines[0].sku',
        Select: 'SPECIFIC_ATTRIBUTES',
      },
      naming,
    );
    expect(rest).toEqual([]);
    expect(access).toMatchObject({ action: 'dynamodb:Query', resource: `${ACCOUNT}:table/orders/index/byCustomer` });
    expect(access?.context).toMatchObject({ 'dynamodb:LeadingKeys': ['c-1'], 'dynamodb:Attributes': ['orderId', 'customerId', 'lines'], 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' });

    const [scan] = dynamoDbAccess.requiredAccess('Scan', { TableName: 'orders', IndexName: 'byStatus' }, naming);
    expect(scan).toMatchObject({ action: 'dynamodb:Scan', resource: `${ACCOUNT}:table/orders/index/byStatus` });
    expect(scan?.context?.['dynamodb:LeadingKeys']).toBeUndefined();
  });

  it('BatchGetItem and BatchWriteItem: their own action once per table, with every key of that table', () => {
    const reads = dynamoDbAccess.requiredAccess(
      'BatchGetItem',
      {
        RequestItems: {
          orders: { Keys: [{ orderId: { S: 'a' } }, { orderId: { S: 'b' } }], ProjectionExpression: 'orderId' },
          events: { Keys: [{ streamId: { S: 'order#a' }, version: { N: '1' } }] },
        },
      },
      naming,
    );
    expect(reads.map((a) => [a.action, a.resource, a.context?.['dynamodb:LeadingKeys']])).toEqual([
      ['dynamodb:BatchGetItem', `${ACCOUNT}:table/orders`, ['a', 'b']],
      ['dynamodb:BatchGetItem', `${ACCOUNT}:table/events`, ['order#a']],
    ]);
    expect(reads[0]?.context?.['dynamodb:Attributes']).toEqual(['orderId']);
    const writes = dynamoDbAccess.requiredAccess('BatchWriteItem', { RequestItems: { orders: [{ PutRequest: { Item: { orderId: { S: 'a' }, n: { N: '1' } } } }, { DeleteRequest: { Key: { orderId: { S: 'z' } } } }] } }, naming);
    expect(writes).toEqual([{ action: 'dynamodb:BatchWriteItem', resource: `${ACCOUNT}:table/orders`, context: expect.objectContaining({ 'dynamodb:LeadingKeys': ['a', 'z'], 'dynamodb:Attributes': ['orderId', 'n'] }) }]);
  });

  it('stream calls on the stream ARN, table calls on the table ARN (or the ARN given), PartiQL refused', () => {
    const stream = `${ACCOUNT}:table/events/stream/2026-11-23T11:47:00.000`;
    expect(dynamoDbAccess.requiredAccess('DescribeStream', { StreamArn: stream }, naming)).toEqual([{ action: 'dynamodb:DescribeStream', resource: stream }]);
    // DynamoDB Local's shard iterators start with the stream ARN (its region is `ddblocal`).
    const localStream = 'arn:aws:dynamodb:ddblocal:000000000000:table/events/stream/2026-11-23T12:26:28.548';
    expect(dynamoDbAccess.requiredAccess('GetRecords', { ShardIterator: `${localStream}|001|c2hhcmRJZC0w` }, naming)).toEqual([{ action: 'dynamodb:GetRecords', resource: localStream }]);
    expect(dynamoDbAccess.requiredAccess('ListStreams', { TableName: 'events' }, naming)).toEqual([{ action: 'dynamodb:ListStreams', resource: '*' }]);
    expect(dynamoDbAccess.requiredAccess('DescribeTable', { TableName: 'events' }, naming)).toEqual([{ action: 'dynamodb:DescribeTable', resource: `${ACCOUNT}:table/events` }]);
    expect(dynamoDbAccess.requiredAccess('GetItem', { TableName: `${ACCOUNT}:table/orders`, Key: { orderId: { S: 'a' } } }, naming)[0]).toMatchObject({
      resource: `${ACCOUNT}:table/orders`,
      context: { 'dynamodb:LeadingKeys': ['a'] },
    });
    expect(() => dynamoDbAccess.requiredAccess('ExecuteStatement', { Statement: 'SELECT * FROM events' }, naming)).toThrow(UnmappableRequest);
  });
});

describe('which IAM actions on which resources the other services\' calls need', () => {
  it('Step Functions: the execution, else the state machine', () => {
    const machine = 'arn:aws:states:us-east-1:000000000000:stateMachine:Saga';
    const execution = 'arn:aws:states:us-east-1:000000000000:execution:Saga:order-1';
    expect(stepFunctionsAccess.requiredAccess('StartExecution', { stateMachineArn: machine, name: 'order-1' }, naming)).toEqual([{ action: 'states:StartExecution', resource: machine }]);
    expect(stepFunctionsAccess.requiredAccess('GetExecutionHistory', { executionArn: execution }, naming)).toEqual([{ action: 'states:GetExecutionHistory', resource: execution }]);
    expect(stepFunctionsAccess.requiredAccess('ListExecutions', { stateMachineArn: machine }, naming)).toEqual([{ action: 'states:ListExecutions', resource: machine }]);
  });

  it('EventBridge PutEvents: each entry on its bus (default, by name or by ARN), with its source and detail-type', () => {
    const accesses = eventBridgeAccess.requiredAccess(
      'PutEvents',
      { Entries: [{ EventBusName: 'orderline', Source: 'orderline.order', DetailType: 'OrderPlaced' }, { Source: 's', DetailType: 'd' }, { EventBusName: 'arn:aws:events:eu-west-1:1:event-bus/x' }] },
      naming,
    );
    expect(accesses.map((a) => a.resource)).toEqual(['arn:aws:events:us-east-1:000000000000:event-bus/orderline', 'arn:aws:events:us-east-1:000000000000:event-bus/default', 'arn:aws:events:eu-west-1:1:event-bus/x']);
    expect(accesses[0]).toMatchObject({ action: 'events:PutEvents', context: { 'events:source': 'orderline.order', 'events:detail-type': 'OrderPlaced' } });
  });

  it('SQS: the queue ARN from its URL; a batch authorized as its single action', () => {
    const QueueUrl = 'http://127.0.0.1:4599/000000000000/Orderline-dev-Parking';
    const arn = 'arn:aws:sqs:us-east-1:000000000000:Orderline-dev-Parking';
    expect(sqsAccess.requiredAccess('SendMessageBatch', { QueueUrl, Entries: [] }, naming)).toEqual([{ action: 'sqs:SendMessage', resource: arn }]);
    for (const [operation, action] of [
      ['ReceiveMessage', 'sqs:ReceiveMessage'],
      ['DeleteMessageBatch', 'sqs:DeleteMessage'],
      ['ChangeMessageVisibility', 'sqs:ChangeMessageVisibility'],
      ['GetQueueAttributes', 'sqs:GetQueueAttributes'],
    ]) {
      expect(sqsAccess.requiredAccess(operation!, { QueueUrl }, naming)).toEqual([{ action, resource: arn }]);
    }
    expect(sqsAccess.requiredAccess('GetQueueUrl', { QueueName: 'Orderline-dev-Parking' }, naming)).toEqual([{ action: 'sqs:GetQueueUrl', resource: arn }]);
  });
});
