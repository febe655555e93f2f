import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { orderDecider, orderStreamId } from '../../../../functions/orders/domain';
import { createEventStore, decideAndAppend } from '../../../../functions/platform/eventstore';
import { createIdempotencyStore, idempotentRequest } from '../../../../functions/platform/http/idempotency';
import { createEventsTable, localDocumentClient } from '../../../support/dynamodb';

const client = localDocumentClient();
const caller = { id: 'c-1', admin: false };
const request = (key: string) =>
  idempotentRequest({ headers: { 'idempotency-key': key }, rawPath: '/orders', body: '{}', requestContext: { http: { method: 'POST' } } } as unknown as APIGatewayProxyEventV2, caller)!;

async function idempotencyTable(): Promise<string> {
  const TableName = `test-idempotency-${randomUUID()}`;
  await client.send(
    new CreateTableCommand({ TableName, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'key', AttributeType: 'S' }] }),
  );
  return TableName;
}

describe('idempotency keys on DynamoDB Local', () => {
  it('count an expired key as absent, and let a new request take it over, though TTL has not deleted it yet', async () => {
    const keys = createIdempotencyStore(client, await idempotencyTable());
    const store = createEventStore({ client, tableName: await createEventsTable(client) });
    const key = request(randomUUID());
    const append = (orderId: string, at: number) =>
      decideAndAppend({
        store,
        decider: orderDecider,
        streamId: orderStreamId(orderId),
        command: { type: 'CreateOrder', data: { orderId, customerId: 'c-1', currency: 'EUR', items: [] }, metadata: { now: new Date(at).toISOString() } },
        context: { correlationId: 'test' },
        extra: () => [keys.record(key, { statusCode: 201, body: orderId }, at)],
      });
    const dayAgo = Date.now() - 25 * 3600 * 1000;
    await append(randomUUID(), dayAgo);
    expect(await keys.replay(key, dayAgo + 1000)).toMatchObject({ statusCode: 201 });
    expect(await keys.replay(key)).toBeUndefined();

    const fresh = randomUUID();
    await append(fresh, Date.now());
    expect(await keys.replay(key)).toMatchObject({ body: fresh });
    // A live key is not taken over: the second append under it loses the race.
    await expect(append(randomUUID(), Date.now())).rejects.toThrow(/moved past|ConcurrencyError/);
  });
});
