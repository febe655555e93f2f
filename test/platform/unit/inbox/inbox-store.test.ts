import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { compensationItem } from '../../../../functions/platform/inbox/compensation-item';
import { INBOX_BY_STATE, type InboxItem } from '../../../../functions/platform/inbox/inbox-item';
import { InboxStore } from '../../../../functions/platform/inbox/inbox-store';
import { settleInboxRetry } from '../../../../functions/platform/inbox/settle-retry';
import { createViewTable, localDatabase, type LocalDatabase } from '../../../support/projections/local-database';

/** The inbox's conditional writes on a real table (DynamoDB Local): what two people acting at once may and may not both do. */
describe('the inbox store', () => {
  let database: LocalDatabase;
  let store: InboxStore;
  beforeAll(async () => {
    database = await localDatabase();
    store = new InboxStore(database.client, await createViewTable(database.client, [['itemId', 'HASH']]));
  });
  afterAll(() => database?.stop());

  let n = 0;
  const item = () =>
    compensationItem({ saga: 'order', subjectId: `o-${++n}`, failure: 'payment declined', undo: { step: 'ReleaseStock', error: 'Error', cause: 'down', recordedAt: '2026-12-02T10:00:00.000Z' }, retryTarget: 'Orders-reconciler' });

  it('opens an item once, and a second failure of the same saga adds to it', async () => {
    const first = item();
    expect(await store.open(first)).toBe(true);
    expect(await store.open(first)).toBe(false);
    await store.openOrFailAgain({ ...first, error: 'Timeout', at: '2026-12-02T10:01:00.000Z' });
    expect(await store.get(first.itemId)).toMatchObject({ state: 'open', error: 'Timeout', attempts: 2, history: [{ type: 'Opened' }, { type: 'FailedAgain', error: 'Timeout' }] });
  });

  it('lets one of many claim a retry, and none while the claim holds; a settled failure frees it', async () => {
    const open = item();
    await store.open(open);
    const now = '2026-12-02T10:00:00.000Z';
    const claims = await Promise.all(Array.from({ length: 8 }, () => store.claimRetry(open.itemId, now, '2026-12-02T10:01:00.000Z')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.claimRetry(open.itemId, '2026-12-02T10:00:30.000Z', '2026-12-02T10:01:30.000Z')).toBeUndefined();
    await store.settleRetry(open.itemId, { type: 'RetryFailed', at: now, by: 'admin:a', error: 'still down' }, { done: false });
    expect(await store.claimRetry(open.itemId, '2026-12-02T10:00:31.000Z', '2026-12-02T10:01:31.000Z')).toBeDefined();
    // A claim that outlived its time (its retry died) can be taken again.
    expect(await store.claimRetry(open.itemId, '2026-12-02T10:02:00.000Z', '2026-12-02T10:03:00.000Z')).toBeDefined();
  });

  it('resolves an open item once; a late retry outcome is recorded but does not reopen it', async () => {
    const open = item();
    await store.open(open);
    const resolved = await store.resolve(open.itemId, { type: 'Resolved', at: '2026-12-02T10:05:00.000Z', by: 'admin:a', note: 'mended by hand' });
    expect(resolved).toMatchObject({ state: 'done', history: [{ type: 'Opened' }, { type: 'Resolved', by: 'admin:a', note: 'mended by hand' }] });
    expect(await store.resolve(open.itemId, { type: 'Resolved', at: '2026-12-02T10:06:00.000Z', by: 'admin:b', note: 'again' })).toBeUndefined();
    expect(await store.claimRetry(open.itemId, '2026-12-02T10:06:00.000Z', '2026-12-02T10:07:00.000Z')).toBeUndefined();
    const late = await store.settleRetry(open.itemId, { type: 'RetryFailed', at: '2026-12-02T10:07:00.000Z', by: 'admin:a', error: 'x' }, { done: false });
    expect(late.state).toBe('done');
  });

  it("closes a retried saga's item only when the run checked everything and its saga has ended", async () => {
    const request = (item: InboxItem) => ({ itemId: item.itemId, target: 'Orders-reconciler', ids: [item.concerns!.id], by: 'admin:a' });
    const claimed = async () => {
      const open = item();
      await store.open(open);
      await store.claimRetry(open.itemId, '2026-12-02T10:00:00.000Z', '2026-12-02T10:05:00.000Z', { type: 'RetryRequested', at: '2026-12-02T10:00:00.000Z', by: 'admin:a' });
      return open;
    };
    const running = await claimed();
    await settleInboxRetry(store, request(running), { findings: [], complete: true, running: [running.concerns!.id] });
    expect(await store.get(running.itemId)).toMatchObject({ state: 'open', history: [{}, { type: 'RetryRequested' }, { type: 'RetryFailed', error: expect.stringContaining('still running') }] });
    const cut = await claimed();
    await settleInboxRetry(store, request(cut), { findings: [], complete: false, running: [] });
    expect((await store.get(cut.itemId))?.history.at(-1)).toMatchObject({ type: 'RetryFailed', error: expect.stringContaining('ran out of time') });
    const unrepaired = await claimed();
    await settleInboxRetry(store, request(unrepaired), { findings: [{ repaired: false, error: 'the gateway is down' }], complete: true, running: [] });
    expect((await store.get(unrepaired.itemId))?.history.at(-1)).toMatchObject({ type: 'RetryFailed', error: 'the gateway is down' });
    const repaired = await claimed();
    await settleInboxRetry(store, request(repaired), { findings: [{ repaired: true }], complete: true, running: [] });
    const done = await store.get(repaired.itemId);
    expect(done).toMatchObject({ state: 'done', history: [{}, { type: 'RetryRequested' }, { type: 'RetrySucceeded', by: 'admin:a' }] });
    // Once done, how to retry it (the raw message, for a dead letter) is not kept.
    expect(done?.retry).toBeUndefined();
  });

  it('lists a full page of one kind, newest first, and every item once across its pages', async () => {
    const tableName = `inbox-${randomUUID()}`;
    await database.client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'itemId', KeyType: 'HASH' }],
        AttributeDefinitions: ['itemId', 'state', 'at'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        GlobalSecondaryIndexes: [{ IndexName: INBOX_BY_STATE, KeySchema: [{ AttributeName: 'state', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
      }),
    );
    const listed = new InboxStore(database.client, tableName);
    // 30 items, one effect in three, the rest parked events.
    for (let i = 0; i < 30; i += 1) {
      const at = new Date(Date.UTC(2026, 11, 2, 10, 0, i)).toISOString();
      await listed.open({ itemId: `dl-${i}`, state: 'open', kind: i % 3 === 0 ? 'effect' : 'parked-event', source: 'S', at, error: 'E', cause: 'C', attempts: 1, message: {}, history: [{ type: 'Opened', at }] });
    }
    const seen: string[] = [];
    let after: Record<string, string> | undefined;
    do {
      const page = await listed.list('open', { kind: 'effect', limit: 4, after });
      if (page.next) expect(page.items).toHaveLength(4);
      seen.push(...page.items.map((i) => i.itemId));
      after = page.next;
    } while (after);
    expect(seen).toEqual(['dl-27', 'dl-24', 'dl-21', 'dl-18', 'dl-15', 'dl-12', 'dl-9', 'dl-6', 'dl-3', 'dl-0']);
  });
});
