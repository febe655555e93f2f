import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDbCheckpoints } from '../../../../functions/platform/reconcile/checkpoints';
import { pagedCheck, type StatusIndex } from '../../../../functions/platform/reconcile/repairs';
import { localDocumentClient } from '../../../support/dynamodb';

const client = localDocumentClient();
const ENDED = 45;
const since = '2026-01-01T00:00:00.000Z';
let view: StatusIndex;
let checkpointsTable: string;

beforeAll(async () => {
  const table = `test-paged-view-${randomUUID()}`;
  checkpointsTable = `test-checkpoints-${randomUUID()}`;
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'orderId', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'createdAt', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [{ IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
    }),
  );
  await client.send(new CreateTableCommand({ TableName: checkpointsTable, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'check', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'check', AttributeType: 'S' }] }));
  const rows = [
    ...Array.from({ length: ENDED }, (_, i) => ({ orderId: `ended-${i}`, status: 'cancelled', createdAt: `2026-11-01T00:00:${String(i).padStart(2, '0')}.000Z`, updatedAt: 'x' })),
    ...Array.from({ length: 5 }, (_, i) => ({ orderId: `open-${i}`, status: 'placed', createdAt: '2026-11-01T00:00:00.000Z', updatedAt: 'x' })),
    { orderId: 'old', status: 'cancelled', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: 'x' },
  ];
  for (let i = 0; i < rows.length; i += 25) await client.send(new BatchWriteCommand({ RequestItems: { [table]: rows.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  view = { table, index: 'byStatus', id: 'orderId', since: 'createdAt' };
});

describe("a reconciler's long check, a page at a time within its budget (DynamoDB Local)", () => {
  it('goes on each run from where the last stopped, visits every row of the window once, then starts over', async () => {
    const checkpoints = dynamoDbCheckpoints(client, checkpointsTable);
    const visited: string[] = [];
    const runs: { rows: number; finished: boolean }[] = [];
    // A budget spent at once: each run reads one page, keeps its place and stops.
    const run = () => pagedCheck(client, view, 'cancelled', since, { check: 'ended', checkpoints, deadline: Date.now() - 1, pageSize: 10 }, async ({ id }) => void visited.push(id));
    do runs.push(await run());
    while (!runs.at(-1)!.finished && runs.length < 20);
    expect(runs.map((r) => r.rows)).toEqual([10, 10, 10, 10, 5]);
    expect(runs.map((r) => r.finished)).toEqual([false, false, false, false, true]);
    expect([...visited].sort()).toEqual(Array.from({ length: ENDED }, (_, i) => `ended-${i}`).sort());
    // The pass ended: the next run starts over.
    expect(await run()).toEqual({ rows: 10, finished: false });
    expect(visited.slice(-10)).toEqual(visited.slice(0, 10));
  });

  it('with no checkpoints and no budget reads the window to its end, the given ids only when asked, a few at a time', async () => {
    const visited: string[] = [];
    let running = 0;
    let most = 0;
    const visit = async ({ id }: { id: string }) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      visited.push(id);
    };
    expect(await pagedCheck(client, view, 'cancelled', since, { check: 'all', pageSize: 20, concurrency: 4 }, visit)).toEqual({ rows: ENDED, finished: true });
    expect(most).toBe(4);
    expect(visited).toHaveLength(ENDED);
    expect(await pagedCheck(client, { ...view, wanted: ['ended-3', 'old', 'open-1'] }, 'cancelled', since, { check: 'some' }, async () => undefined)).toEqual({ rows: 1, finished: true });
  });
});
