import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { EXPRESS_LIMIT_MS, SAGA_RUNS_BY_STATUS, SagaRuns, type SagaRun } from '../../../../functions/platform/saga/saga-runs';
import { localDocumentClient } from '../../../support/dynamodb';

/**
 * An Express saga's runs table on DynamoDB Local, shaped as lib/platform/saga-state-machine.ts
 * makes it: what the reconciler finds stranded and what GET /sagas lists, a page at a time.
 */
const client = localDocumentClient();
const NOW = Date.parse('2026-12-03T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();

async function runsTable(runs: Omit<SagaRun, 'executionArn'>[]): Promise<SagaRuns> {
  const tableName = `test-runs-${randomUUID()}`;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'sagaId', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'sagaId', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'startedAt', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [
        { IndexName: SAGA_RUNS_BY_STATUS, KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'startedAt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
      ],
    }),
  );
  for (const run of runs) await client.send(new PutCommand({ TableName: tableName, Item: { ...run, executionArn: `arn:aws:states:us-east-1:0:express:m:${run.sagaId}:x` } }));
  return new SagaRuns(client, tableName);
}

describe('an Express saga\'s runs table', () => {
  const runs = [
    { sagaId: 'failed-recent', status: 'FAILED', startedAt: minutesAgo(30), error: 'CompensationFailed' },
    { sagaId: 'failed-old', status: 'FAILED', startedAt: minutesAgo(60 * 24 * 8) },
    { sagaId: 'timed-out', status: 'RUNNING', startedAt: minutesAgo(6) },
    { sagaId: 'running', status: 'RUNNING', startedAt: minutesAgo(1) },
    { sagaId: 'succeeded-1', status: 'SUCCEEDED', startedAt: minutesAgo(2) },
    { sagaId: 'succeeded-2', status: 'SUCCEEDED', startedAt: minutesAgo(3) },
  ] as const;

  it('finds the runs of the window that failed or ran past the Express limit, and no other', async () => {
    const table = await runsTable([...runs]);
    const stranded = await table.strandedSince(minutesAgo(60 * 24 * 7), NOW);
    expect(stranded.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'failed-recent', status: 'FAILED' },
      { name: 'timed-out', status: 'TIMED_OUT' },
    ]);
    expect(await table.status('running', NOW)).toBe('RUNNING');
    expect(await table.status('running', NOW + EXPRESS_LIMIT_MS)).toBe('TIMED_OUT');
  });

  it('lists every run newest first, two at a time, each once, with the status a reader sees', async () => {
    const table = await runsTable([...runs]);
    const seen: { sagaId: string; status: string }[] = [];
    let after: Record<string, string> | undefined;
    let pages = 0;
    do {
      const page = await table.page({ limit: 2, after, now: NOW });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map(({ sagaId, status }) => ({ sagaId, status })));
      after = page.next;
      pages += 1;
    } while (after && pages < 10);
    expect(seen).toEqual([
      { sagaId: 'running', status: 'RUNNING' },
      { sagaId: 'succeeded-1', status: 'SUCCEEDED' },
      { sagaId: 'succeeded-2', status: 'SUCCEEDED' },
      { sagaId: 'timed-out', status: 'TIMED_OUT' },
      { sagaId: 'failed-recent', status: 'FAILED' },
      { sagaId: 'failed-old', status: 'FAILED' },
    ]);
  });

  it('lists by status: RUNNING within the limit, TIMED_OUT past it, none ABORTED', async () => {
    const table = await runsTable([...runs]);
    expect((await table.page({ status: 'RUNNING', limit: 10, now: NOW })).items.map((r) => r.sagaId)).toEqual(['running']);
    expect((await table.page({ status: 'TIMED_OUT', limit: 10, now: NOW })).items.map((r) => r.sagaId)).toEqual(['timed-out']);
    expect((await table.page({ status: 'FAILED', limit: 10, now: NOW })).items.map((r) => r.sagaId)).toEqual(['failed-recent', 'failed-old']);
    expect(await table.page({ status: 'ABORTED', limit: 10, now: NOW })).toEqual({ items: [] });
  });
});
