import { randomUUID } from 'node:crypto';
import { ConcurrencyError, createEventStore, type EventStore } from '../../../../functions/platform/eventstore';
import { createEventsTable, localDocumentClient } from '../../../support/dynamodb';

const context = { correlationId: 'test' };
let store: EventStore;

beforeAll(async () => {
  const client = localDocumentClient();
  store = createEventStore({ client, tableName: await createEventsTable(client) });
});

const streamId = () => `test#${randomUUID()}`;
const event = (n: number) => ({ type: 'Happened', data: { n } });

describe('event store on DynamoDB Local', () => {
  it('appends events with contiguous versions and loads them back in order', async () => {
    const id = streamId();
    await store.append([{ streamId: id, expectedVersion: 0, events: [event(1), event(2)] }], context);
    await store.append([{ streamId: id, expectedVersion: 2, events: [event(3)] }], context);

    const loaded = await store.load(id);

    expect(loaded.version).toBe(3);
    expect(loaded.events.map((e) => [e.version, e.data])).toEqual([
      [1, { n: 1 }],
      [2, { n: 2 }],
      [3, { n: 3 }],
    ]);
    expect(new Set(loaded.events.map((e) => e.meta.eventId)).size).toBe(3);
    expect(loaded.events[0]?.meta.correlationId).toBe('test');
  });

  it('loads a stream longer than one query page', async () => {
    const id = streamId();
    const big = { type: 'Big', data: { blob: 'x'.repeat(20_000) } };
    for (let v = 0; v < 60; v += 10) {
      await store.append([{ streamId: id, expectedVersion: v, events: Array(10).fill(big) }], context);
    }
    const loaded = await store.load(id);
    expect(loaded.events.map((e) => e.version)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('loads only the events after a version, and that version when none follows', async () => {
    const id = streamId();
    await store.append([{ streamId: id, expectedVersion: 0, events: [event(1), event(2), event(3)] }], context);

    const tail = await store.load(id, { afterVersion: 1 });
    expect(tail.version).toBe(3);
    expect(tail.events.map((e) => [e.version, e.data])).toEqual([[2, { n: 2 }], [3, { n: 3 }]]);
    expect(await store.load(id, { afterVersion: 3 })).toMatchObject({ version: 3, events: [] });
  });

  it('returns version 0 and no events for a stream never written', async () => {
    expect(await store.load(streamId())).toMatchObject({ version: 0, events: [] });
  });

  it('rejects a stale expected version with a ConcurrencyError and writes nothing', async () => {
    const id = streamId();
    await store.append([{ streamId: id, expectedVersion: 0, events: [event(1)] }], context);

    const stale = store.append([{ streamId: id, expectedVersion: 0, events: [event(2), event(3)] }], context);

    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(stale).rejects.toMatchObject({ streamId: id, expectedVersion: 0 });
    expect((await store.load(id)).events.map((e) => e.data)).toEqual([{ n: 1 }]);
  });

  it('appends to several streams all or nothing', async () => {
    const [a, b] = [streamId(), streamId()];
    await store.append([{ streamId: b, expectedVersion: 0, events: [event(1)] }], context);

    const failing = store.append(
      [
        { streamId: a, expectedVersion: 0, events: [event(1)] },
        { streamId: b, expectedVersion: 0, events: [event(2)] },
      ],
      context,
    );
    await expect(failing).rejects.toMatchObject({ name: 'ConcurrencyError', streamId: b });
    expect((await store.load(a)).version).toBe(0);

    await store.append(
      [
        { streamId: a, expectedVersion: 0, events: [event(1)] },
        { streamId: b, expectedVersion: 1, events: [event(2)] },
      ],
      context,
    );
    expect((await store.load(a)).version).toBe(1);
    expect((await store.load(b)).version).toBe(2);
  });

  it('lets exactly one of 20 concurrent appends at the same version win', async () => {
    const id = streamId();
    await store.append([{ streamId: id, expectedVersion: 0, events: [event(0)] }], context);

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.append([{ streamId: id, expectedVersion: 1, events: [event(i + 1)] }], context)),
    );

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect(r.reason).toBeInstanceOf(ConcurrencyError);
    const loaded = await store.load(id);
    expect(loaded.events.map((e) => e.version)).toEqual([1, 2]);
  });
});

describe('a throttled append', () => {
  it('is a StoreThrottled the command retries, not an unknown error (a fake client: DynamoDB Local never throttles)', async () => {
    const { TransactionCanceledException } = await import('@aws-sdk/client-dynamodb');
    const { StoreThrottled, retryOnConflict } = await import('../../../../functions/platform/eventstore');
    let calls = 0;
    const throttling = {
      send: async () => {
        calls += 1;
        if (calls < 3) throw new TransactionCanceledException({ message: 'throttled', $metadata: {}, CancellationReasons: [{ Code: 'ThrottlingError' }] });
        return {};
      },
    } as unknown as Parameters<typeof createEventStore>[0]['client'];
    const throttled = createEventStore({ client: throttling, tableName: 'events' });
    const append = () => throttled.append([{ streamId: 'test#t', expectedVersion: 0, events: [event(1)] }], context);
    await expect(append()).rejects.toBeInstanceOf(StoreThrottled);
    calls = 0;
    await expect(retryOnConflict(append)).resolves.toHaveLength(1);
    expect(calls).toBe(3);
  });
});
