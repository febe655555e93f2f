import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { api } from '../../support/api';
import { eventually } from '../../support/eventually';
import { addProduct, createOrder } from '../../support/fixtures';
import { describeLocal } from '../../support/local-only';
import { clientConfig, testEnv } from '../../support/test-env';

const run = promisify(execFile);

describeLocal('npm run rebuild', 'scans the whole events table and creates tables, which a shared deployment should not get from a test', () => {
  it('replays the events table into a fresh orders table that matches the live view', async () => {
    const { dynamodbEndpoint, outputs } = testEnv();
    const sku = await addProduct(5);
    const orderId = await createOrder([{ sku, quantity: 2 }]);
    await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });
    const live = await eventually(() => api('GET', `/orders/${orderId}`), (r) => r.body?.status === 'confirmed', { what: 'the confirmed order' });

    // The same tool a person runs, pointed at the test system's DynamoDB Local like an AWS account.
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'tools/rebuild.ts', 'orders', '--events-table', outputs!.OrdersEventsTableName!, '--view-table', outputs!.OrdersTableName!],
      {
        cwd: join(__dirname, '..', '..', '..'),
        env: { ...process.env, AWS_ENDPOINT_URL_DYNAMODB: dynamodbEndpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
      },
    );
    const report = /rebuilt orders: (\d+) events replayed into (\S+): (\d+) rows .*; (\d+) event\(s\) could not be applied/.exec(stdout);
    expect(report).not.toBeNull();
    // The poison-record test may have left an event no projection can apply: it is skipped, not fatal.
    const [, events, freshTable, rows, skipped] = report!;
    expect(Number(skipped)).toBeLessThanOrEqual(1);
    expect(Number(events)).toBeGreaterThan(0);
    expect(Number(rows)).toBeGreaterThan(0);

    const client = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig('dynamodb')));
    const { Item } = await client.send(new GetCommand({ TableName: freshTable, Key: { orderId } }));
    // The route adds the order's payment and stock status from a view of their own; the row is the rest.
    const { paymentStatus: _payment, stockStatus: _stock, ...row } = live.body;
    expect(Item).toEqual(row);
  });
});
