import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { AppendTooLargeError, ConcurrencyError, StoreThrottled } from './errors';
import { unversionedSchemas, type EventSchemas } from './event-schemas';
import { createSnapshotStore, type SnapshotStore } from './snapshots';
import type { AppendContext, LoadedStream, StoredEvent, StreamAppend } from './types';

const MAX_TRANSACTION_ITEMS = 100;

/** What an extra write's condition refers to, and the error to throw when it refuses (by default: a lost race). */
type ExtraCondition = {
  condition?: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
  /** The error when this write's condition refuses the transaction; without it, a {@link ConcurrencyError}. */
  whenRefused?: () => Error;
};

/** An extra item written in the same transaction as the events (e.g. an idempotency record). */
export type ExtraPut = ExtraCondition & { tableName: string; item: Record<string, unknown> };

/** An extra item updated in the same transaction as the events (e.g. a guard counter that must not go below zero). */
export type ExtraUpdate = ExtraCondition & { tableName: string; key: Record<string, unknown>; update: string };

/** Anything written in the same transaction as the events. */
export type ExtraWrite = ExtraPut | ExtraUpdate;

export type EventStore = {
  /**
   * Appends to one or more streams in one TransactWriteItems: all or nothing. Each event is a Put
   * conditioned on `attribute_not_exists(version)`, so a stale expected version fails the whole
   * append with a {@link ConcurrencyError} and no lost update is possible.
   */
  append(
    appends: StreamAppend[],
    context: AppendContext,
    extra?: ExtraWrite[],
  ): Promise<{ streamId: string; version: number; events: StoredEvent[] }[]>;
  /**
   * Reads a stream with strongly consistent reads, page by page: all of it, or with `afterVersion`
   * only the events after that version (the tail after a snapshot). Every event comes back in the
   * current shape of its type (upcast). The version is the stream's last, or `afterVersion` when
   * nothing follows it.
   */
  load(streamId: string, options?: { afterVersion?: number }): Promise<LoadedStream>;
  /**
   * Reads a stream's newest `count` events (all of it when it is shorter), strongly consistent,
   * oldest first and upcast as `load` gives them. The version is the stream's last (0 for none).
   */
  loadLatest(streamId: string, count: number): Promise<LoadedStream>;
  /** The snapshots of stream states; absent when the store has no snapshots table. */
  snapshots?: SnapshotStore;
};

/**
 * Creates the DynamoDB event store over the events table. With `snapshotsTableName` it keeps
 * snapshots there; with `schemas` it writes each event type at its current schema version and
 * upcasts what it reads (without, every type is at version 1).
 */
export function createEventStore(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
  snapshotsTableName?: string;
  schemas?: EventSchemas;
  now?: () => Date;
  newId?: () => string;
}): EventStore {
  const { client, tableName, snapshotsTableName, schemas = unversionedSchemas } = options;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;

  /**
   * A stream's events page by page, strongly consistent, each upcast to its type's current shape
   * (the table holds what append wrote, at some schema version): oldest first, or with
   * `newestFirst` only that many, newest first.
   */
  const queryStream = async (query: { condition: string; values: Record<string, unknown>; newestFirst?: number }): Promise<StoredEvent[]> => {
    const events: StoredEvent[] = [];
    let startKey: QueryCommandOutput['LastEvaluatedKey'];
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: query.condition,
          ExpressionAttributeValues: query.values,
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
          ...(query.newestFirst === undefined ? {} : { ScanIndexForward: false, Limit: query.newestFirst - events.length }),
        }),
      );
      events.push(...((page.Items ?? []) as StoredEvent[]).map(schemas.upcast));
      startKey = page.LastEvaluatedKey;
    } while (startKey && (query.newestFirst === undefined || events.length < query.newestFirst));
    return events;
  };

  return {
    async append(appends, context, extra = []) {
      const at = now().toISOString();
      const written = appends.map(({ streamId, expectedVersion, events }) => ({
        streamId,
        version: expectedVersion + events.length,
        events: events.map(
          (event, index): StoredEvent => ({
            streamId,
            version: expectedVersion + index + 1,
            type: event.type,
            data: event.data,
            meta: { eventId: newId(), schemaVersion: schemas.schemaVersionOf(event.type), ...context },
            at,
          }),
        ),
      }));
      const eventPuts = written.flatMap((stream) => stream.events);
      const itemCount = eventPuts.length + extra.length;
      if (itemCount > MAX_TRANSACTION_ITEMS) throw new AppendTooLargeError(itemCount);
      if (itemCount === 0) return written;

      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              ...eventPuts.map((item) => ({
                Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(version)' },
              })),
              ...extra.map(transactItem),
            ],
          }),
        );
      } catch (error) {
        throw refusedExtra(error, eventPuts.length, extra) ?? toConcurrencyError(error, eventPuts, appends) ?? toThrottled(error, appends) ?? error;
      }
      return written;
    },

    async load(streamId, { afterVersion } = {}) {
      const events =
        afterVersion === undefined
          ? await queryStream({ condition: 'streamId = :s', values: { ':s': streamId } })
          : await queryStream({ condition: 'streamId = :s AND version > :v', values: { ':s': streamId, ':v': afterVersion } });
      return { streamId, version: events.at(-1)?.version ?? afterVersion ?? 0, events };
    },

    async loadLatest(streamId, count) {
      const events = (await queryStream({ condition: 'streamId = :s', values: { ':s': streamId }, newestFirst: count })).reverse();
      return { streamId, version: events.at(-1)?.version ?? 0, events };
    },

    snapshots: snapshotsTableName ? createSnapshotStore({ client, tableName: snapshotsTableName, now }) : undefined,
  };
}

/** One extra write as a TransactWriteItems item. */
function transactItem(write: ExtraWrite) {
  const condition = { ConditionExpression: write.condition, ExpressionAttributeNames: write.names, ExpressionAttributeValues: write.values };
  return 'item' in write
    ? { Put: { TableName: write.tableName, Item: write.item, ...condition } }
    : { Update: { TableName: write.tableName, Key: write.key, UpdateExpression: write.update, ...condition } };
}

/** The error an extra write names for its own refused condition, if that is what cancelled the transaction. */
function refusedExtra(error: unknown, eventCount: number, extra: ExtraWrite[]): Error | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const index = reasons.findIndex((r, i) => i >= eventCount && r.Code === 'ConditionalCheckFailed' && extra[i - eventCount]?.whenRefused);
  return index < 0 ? undefined : extra[index - eventCount]!.whenRefused!();
}

/** A transaction cancelled because DynamoDB throttled one of its items. */
function toThrottled(error: unknown, appends: StreamAppend[]): StoreThrottled | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  if (!(error.CancellationReasons ?? []).some((r) => r.Code === 'ThrottlingError')) return undefined;
  return new StoreThrottled(appends[0]?.streamId ?? '?', { cause: error });
}

/**
 * A cancelled transaction whose failing put is one of our events means another writer got there
 * first. DynamoDB can also cancel on a conflicting transaction in flight (TransactionConflict).
 * A failing extra put (an idempotency record already written by a concurrent twin request) is
 * the same race seen from the side. Re-deciding on fresh state is the right answer to all three.
 */
function toConcurrencyError(
  error: unknown,
  puts: StoredEvent[],
  appends: StreamAppend[],
): ConcurrencyError | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const index = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');
  if (index < 0) return undefined;
  const stream = appends.find((append) => append.streamId === puts[index]?.streamId) ?? appends[0];
  if (!stream) return undefined;
  return new ConcurrencyError(stream.streamId, stream.expectedVersion, { cause: error });
}
