import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll } from '../batch-get';
import { parseStreamId } from '../domain';
import { FIGURES_KEYS } from './figures-keys';
import { fullJitterPause } from '../contention/retry-contended';
import { LostRaceError } from './projection-errors';

/** The event store's figures, per aggregate type: events appended, and streams begun (an event at version 1). */
export type StoreFigures = Partial<Record<string, { events: number; streams: number }>>;

/** What the figures need of an event: its stream and its version. */
export type StreamVersion = { streamId: string; version: number };

/** Counted streams moved in one transaction, with the counters: DynamoDB takes 100 items in one. */
const STREAMS_PER_TRANSACTION = 99;
/** Transactions lost to another writer of the same streams before the batch is handed back to be retried. */
const MAX_RACES = 8;

type Move = { streamId: string; aggregate: string; from: number; to: number };

/** What a batch added: streams begun, events, and the streams it moved, each to the version now counted. */
export type FiguresCounted = { streams: number; events: number; moved: StreamVersion[] };

/**
 * Counts a batch of events into the store's figures, exactly once however often and in whatever
 * order they come. A stream's versions run 1, 2, 3… with no gap (every append is conditional), so
 * the events of a stream are its newest version: each stream keeps the version counted so far,
 * and a batch moves it to the newest version the batch holds and ADDs the difference to its
 * aggregate's events (and one stream when it was 0), tracker and counters in ONE transaction,
 * each tracker written only over the version read. A redelivered event moves nothing; an event
 * ahead of a lost one counts it too, since it is in the store. A whole batch costs one tracker
 * write per stream and one counters write, not a marker and an ADD per event. Streams that are
 * no aggregate's are not counted.
 */
export async function countInStoreFigures(client: DynamoDBDocumentClient, tableName: string, events: readonly StreamVersion[]): Promise<FiguresCounted> {
  const newest = new Map<string, number>();
  for (const { streamId, version } of events) {
    if (parseStreamId(streamId)) newest.set(streamId, Math.max(version, newest.get(streamId) ?? 0));
  }
  const counted: FiguresCounted = { streams: 0, events: 0, moved: [] };
  // One transaction after another: each ADDs to the same counters item, and two at once would cancel each other.
  for (const part of chunks([...newest.keys()], STREAMS_PER_TRANSACTION)) {
    for (let race = 0; ; race++) {
      if (race === MAX_RACES) throw new LostRaceError(FIGURES_KEYS.storeFigures, MAX_RACES);
      if (race > 0) await fullJitterPause(race);
      const versions = await countedVersions(client, tableName, part);
      const moves = part.flatMap((streamId): Move[] => {
        const from = versions.get(streamId) ?? 0;
        const to = newest.get(streamId)!;
        return to > from ? [{ streamId, aggregate: parseStreamId(streamId)!.aggregate, from, to }] : [];
      });
      if (moves.length > 0 && !(await moveOnce(client, tableName, moves))) continue;
      counted.streams += moves.filter((m) => m.from === 0).length;
      counted.events += moves.reduce((sum, m) => sum + m.to - m.from, 0);
      counted.moved.push(...moves.map(({ streamId, to }) => ({ streamId, version: to })));
      break;
    }
  }
  return counted;
}

/** The version counted so far of each stream (absent: none), read consistently. */
async function countedVersions(client: DynamoDBDocumentClient, tableName: string, streamIds: string[]): Promise<Map<string, number>> {
  const items = await batchGetAll(client, tableName, streamIds.map(FIGURES_KEYS.counted));
  return new Map(items.map((item) => [String(item.streamId), Number(item.version)]));
}

/** Moves these streams' trackers and the counters in one transaction; false when a tracker moved since it was read, or another transaction on these items was in flight. */
async function moveOnce(client: DynamoDBDocumentClient, tableName: string, moves: Move[]): Promise<boolean> {
  const added: Record<string, number> = {};
  for (const { aggregate, from, to } of moves) {
    added[`${aggregate}Events`] = (added[`${aggregate}Events`] ?? 0) + to - from;
    added[`${aggregate}Streams`] = (added[`${aggregate}Streams`] ?? 0) + (from === 0 ? 1 : 0);
  }
  const names = Object.keys(added);
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          ...moves.map(({ streamId, from, to }) => ({
            Put: {
              TableName: tableName,
              Item: { ...FIGURES_KEYS.counted(streamId), streamId, version: to },
              ...(from === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: 'version = :from', ExpressionAttributeValues: { ':from': from } }),
            },
          })),
          {
            Update: {
              TableName: tableName,
              Key: FIGURES_KEYS.storeFigures,
              UpdateExpression: `ADD ${names.map((_, i) => `#n${i} :n${i}`).join(', ')}`,
              ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#n${i}`, name])),
              ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:n${i}`, added[name]])),
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
    if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict')) return false;
    throw error;
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The figures as the stats item holds them (`orderEvents`, `orderStreams`…), by aggregate. */
export function storeFiguresOf(item: Record<string, unknown> | undefined): StoreFigures {
  const figures: StoreFigures = {};
  for (const [name, value] of Object.entries(item ?? {})) {
    const match = /^(\w+)(Events|Streams)$/.exec(name);
    const aggregate = match?.[1];
    if (!match || !aggregate || typeof value !== 'number') continue;
    const entry = (figures[aggregate] ??= { events: 0, streams: 0 });
    if (match[2] === 'Events') entry.events = value;
    else entry.streams = value;
  }
  return figures;
}
