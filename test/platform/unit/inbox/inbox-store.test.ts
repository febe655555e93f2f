import { compensationItem } from '../../../../functions/platform/inbox/compensation-item';
import { InboxStore } from '../../../../functions/platform/inbox/inbox-store';
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
});
