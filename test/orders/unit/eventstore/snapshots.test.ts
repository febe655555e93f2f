import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { orderDecider, orderStreamId, type Decider, type OrderCommand } from '../../../../functions/orders/domain';
import {
  createEventStore,
  crossesSnapshotPoint,
  decideAndAppend,
  loadState,
  MAX_SNAPSHOT_BYTES,
  snapshotAfterAppend,
  stateOfStream,
  type EventStore,
  type NewEvent,
} from '../../../../functions/platform/eventstore';
import { createEventsTable, createSnapshotsTable, localDocumentClient } from '../../../support/dynamodb';
import { writtenLines } from '../../../support/written-lines';

const context = { correlationId: 'test' };
const now = '2026-11-22T10:00:00.000Z';
const client = localDocumentClient();
// The order decider with a short interval, so a test needs a dozen commands rather than fifty.
const decider = { ...orderDecider, snapshots: { every: 5, stateVersion: 1 } };
let eventsTable: string;
let snapshotsTable: string;
let store: EventStore;
/** The same events table without snapshots: a full replay, to compare with. */
let replayOnly: EventStore;

beforeAll(async () => {
  eventsTable = await createEventsTable(client);
  snapshotsTable = await createSnapshotsTable(client);
  store = createEventStore({ client, tableName: eventsTable, snapshotsTableName: snapshotsTable });
  replayOnly = createEventStore({ client, tableName: eventsTable });
});

/** The commands of an order of `count` events, one each: created, then lines added (quantities grow, so every event changes the state). */
function orderCommands(orderId: string, count: number): OrderCommand[] {
  const create: OrderCommand = { type: 'CreateOrder', data: { orderId, customerId: 'c-1', currency: 'EUR', items: [] }, metadata: { now } };
  const adds = Array.from({ length: count - 1 }, (_, i): OrderCommand => ({
    type: 'AddItem',
    data: { orderId, line: { sku: `SKU-${i % 3}`, quantity: i + 1, unitPrice: { amount: 100 * ((i % 3) + 1), currency: 'EUR' } } },
    metadata: { now },
  }));
  return [create, ...adds];
}

/** Runs an order of `count` events through decideAndAppend on `on`, one command at a time; its stream id. */
async function orderOf(count: number, on: EventStore = store): Promise<string> {
  const orderId = randomUUID();
  const streamId = orderStreamId(orderId);
  for (const command of orderCommands(orderId, count)) await decideAndAppend({ store: on, decider, streamId, command, context });
  return streamId;
}

/** The state a full replay of the first `version` events gives. */
async function replayedUpTo(streamId: string, version: number) {
  const { events } = await replayOnly.load(streamId);
  return stateOfStream(decider, { streamId, version, events: events.slice(0, version) });
}

/** Puts a snapshot item as it is, as a deployment with another decider would have written it. */
async function putSnapshotItem(streamId: string, item: { version: number; stateVersion: number; state: unknown }): Promise<void> {
  await client.send(new PutCommand({ TableName: snapshotsTable, Item: { streamId, ...item, state: JSON.stringify(item.state), at: now } }));
}

describe('snapshots on DynamoDB Local', () => {
  it('takes a snapshot when an append crosses a multiple of `every`, of the state at that version', async () => {
    const early = await orderOf(4);
    expect(await store.snapshots!.read(early)).toBeUndefined();

    const streamId = await orderOf(12);
    const snapshot = await store.snapshots!.read(streamId);

    expect(snapshot).toMatchObject({ version: 10, stateVersion: 1 });
    expect(snapshot?.state).toEqual((await replayedUpTo(streamId, 10)).state);
    expect(await loadState(store, decider, streamId)).toEqual(await loadState(replayOnly, decider, streamId));
  });

  it('loads the snapshot plus the events after it to the same state and version as a full replay', async () => {
    // Written without snapshots, then snapshotted at 10 by hand: only the load is under test here.
    const streamId = await orderOf(13, replayOnly);
    await store.snapshots!.write(streamId, { version: 10, stateVersion: 1, state: (await replayedUpTo(streamId, 10)).state });

    const loaded = await loadState(store, decider, streamId);

    expect(loaded).toEqual(await loadState(replayOnly, decider, streamId));
    expect(loaded.version).toBe(13);
    // The tail matters: the state at the snapshot is not the state now.
    expect(loaded.state).not.toEqual((await replayedUpTo(streamId, 10)).state);
  });

  it('reads the snapshot and the newest `every` events at once: one round trip, when the snapshot is among them', async () => {
    const streamId = await orderOf(13, replayOnly);
    await store.snapshots!.write(streamId, { version: 10, stateVersion: 1, state: (await replayedUpTo(streamId, 10)).state });
    let inFlight = 0;
    let most = 0;
    let calls = 0;
    const watched = {
      send: async (command: never) => {
        calls++;
        most = Math.max(most, ++inFlight);
        try {
          return await client.send(command);
        } finally {
          inFlight--;
        }
      },
    } as unknown as typeof client;
    const watchedStore = createEventStore({ client: watched, tableName: eventsTable, snapshotsTableName: snapshotsTable });

    expect(await loadState(watchedStore, decider, streamId)).toEqual(await loadState(replayOnly, decider, streamId));
    expect({ calls, most }).toEqual({ calls: 2, most: 2 });
  });

  it('reads the events after a snapshot further back than `every` (one that could not be written), starting from it', async () => {
    const streamId = await orderOf(13, replayOnly);
    const doctored = { ...(await replayedUpTo(streamId, 5)).state, customerId: 'from-the-snapshot' };
    await putSnapshotItem(streamId, { version: 5, stateVersion: 1, state: doctored });

    const replayed = await loadState(replayOnly, decider, streamId);
    expect(await loadState(store, decider, streamId)).toEqual({ version: 13, state: { ...replayed.state, customerId: 'from-the-snapshot' } });
  });

  it('starts from a snapshot of the same state shape instead of replaying (a doctored one shows through)', async () => {
    const streamId = await orderOf(7, replayOnly);
    const doctored = { ...(await replayedUpTo(streamId, 7)).state, customerId: 'from-the-snapshot' };
    await putSnapshotItem(streamId, { version: 7, stateVersion: 1, state: doctored });

    expect(await loadState(store, decider, streamId)).toEqual({ state: doctored, version: 7 });
  });

  it('ignores a snapshot of another stateVersion and replays the stream', async () => {
    const streamId = await orderOf(12, replayOnly);
    await putSnapshotItem(streamId, { version: 12, stateVersion: 2, state: { status: 'cancelled', reason: 'a shape this decider never made' } });

    const loaded = await loadState(store, decider, streamId);

    expect(loaded).toEqual(await loadState(replayOnly, decider, streamId));
    expect(loaded).toMatchObject({ version: 12, state: { status: 'draft' } });
  });

  it('never fails a command over a snapshot: a table it cannot read or write is logged and the stream replayed', async () => {
    const broken = createEventStore({ client, tableName: eventsTable, snapshotsTableName: `missing-${randomUUID()}` });
    let streamId = '';
    const lines = await writtenLines(async () => {
      streamId = await orderOf(6, broken);
      const loaded = await loadState(broken, decider, streamId);
      expect(loaded.version).toBe(6);
      expect(loaded).toEqual(await loadState(replayOnly, decider, streamId));
    });
    expect(lines).toContainEqual(expect.objectContaining({ level: 'WARN', message: expect.stringMatching(/^snapshot not written/), streamId, version: 5 }));
    expect(lines).toContainEqual(expect.objectContaining({ level: 'WARN', message: expect.stringMatching(/^snapshot not read/), streamId }));
  });

  it('never replaces a newer snapshot with an older one', async () => {
    const streamId = `test#${randomUUID()}`;
    const snapshots = store.snapshots!;

    expect(await snapshots.write(streamId, { version: 20, stateVersion: 1, state: { at: 20 } })).toBe('written');
    expect(await snapshots.write(streamId, { version: 10, stateVersion: 1, state: { at: 10 } })).toBe('kept-newer');
    expect(await snapshots.write(streamId, { version: 20, stateVersion: 2, state: { at: 'again 20' } })).toBe('kept-newer');
    expect(await snapshots.read(streamId)).toMatchObject({ version: 20, stateVersion: 1, state: { at: 20 } });

    expect(await snapshots.write(streamId, { version: 30, stateVersion: 1, state: { at: 30 } })).toBe('written');
    expect(await snapshots.read(streamId)).toMatchObject({ version: 30, state: { at: 30 } });
  });

  it('skips a state too large for an item, and says so', async () => {
    const streamId = `test#${randomUUID()}`;
    const blobs: Decider<never, NewEvent, { blob: string }> = { initialState: { blob: '' }, evolve: (state) => state, decide: () => [], snapshots: { every: 5, stateVersion: 1 } };
    const lines = await writtenLines(() => snapshotAfterAppend(store, blobs, streamId, 4, { state: { blob: 'x'.repeat(MAX_SNAPSHOT_BYTES) }, version: 5 }));
    expect(await store.snapshots!.read(streamId)).toBeUndefined();
    expect(lines).toEqual([expect.objectContaining({ level: 'WARN', message: expect.stringMatching(/too large/), streamId, version: 5 })]);
  });
});

describe('when a snapshot is due', () => {
  it('is when an append crosses a multiple of `every`, however many events it appends', () => {
    expect(crossesSnapshotPoint(5, 4, 5)).toBe(true);
    expect(crossesSnapshotPoint(5, 3, 7)).toBe(true);
    expect(crossesSnapshotPoint(5, 9, 16)).toBe(true);
    expect(crossesSnapshotPoint(5, 5, 9)).toBe(false);
    expect(crossesSnapshotPoint(5, 0, 4)).toBe(false);
  });
});
