import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseStreamId } from '../domain';
import { FIGURES_KEYS } from './figures-keys';
import { fullJitterPause } from '../contention/retry-contended';
import { LostRaceError } from './projection-errors';
import type { WindowRecord } from './stream-fan-out';

/** The event store's figures, per aggregate type: events appended, and streams begun (an event at version 1). */
export type StoreFigures = Partial<Record<string, { events: number; streams: number }>>;

/**
 * What a stream shard's records have added to the figures and not yet written, kept in the views
 * reader's tumbling-window state: the shard's watermark when the tally began (`base`), the
 * position of the last record tallied (`through`), and the counts.
 */
export type FiguresTally = { base: string; through: string; counts: StoreFigures };

/** A shard's watermark outlives its records (24 hours in the stream) by a day, then expires (the table's TTL). */
const WATERMARK_TTL_SECONDS = 2 * 24 * 3600;

/** Transactions lost to another writer of the counters (the other context's reader, another shard) before the window's write is handed back to be retried. */
const MAX_RACES = 8;

/** A shard's positions as text that sorts as they do: DynamoDB stream sequence numbers are decimal, up to 40 digits. */
export function shardPosition(sequenceNumber: string): string {
  return sequenceNumber.padStart(40, '0');
}

/** Nothing tallied, from this watermark on. */
export function freshTally(watermark: string): FiguresTally {
  return { base: watermark, through: watermark, counts: {} };
}

/**
 * Adds a shard's records to the tally (pure): each record past `through` once, an event at
 * version 1 as a stream begun too. A shard's records come in order, so a copy (a batch again,
 * whole or from a failed record) is at or before `through`. Streams that are no aggregate's are not counted.
 */
export function tallyRecords(tally: FiguresTally, records: readonly WindowRecord[]): FiguresTally {
  let { through } = tally;
  const counts: StoreFigures = copyCounts(tally.counts);
  for (const record of records) {
    const position = shardPosition(record.sequenceNumber);
    const aggregate = parseStreamId(record.streamId)?.aggregate;
    if (position <= through || !aggregate) continue;
    const entry = (counts[aggregate] ??= { events: 0, streams: 0 });
    entry.events += 1;
    if (record.version === 1) entry.streams += 1;
    through = position;
  }
  return { base: tally.base, through, counts };
}

function copyCounts(counts: StoreFigures): StoreFigures {
  return Object.fromEntries(Object.entries(counts).map(([name, entry]) => [name, { ...entry! }]));
}

/** The position up to which a shard's records are in the figures ('' for none yet), read consistently. */
export async function shardWatermark(client: DynamoDBDocumentClient, tableName: string, shardId: string): Promise<string> {
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: FIGURES_KEYS.shard(shardId), ConsistentRead: true }));
  return typeof Item?.through === 'string' ? Item.through : '';
}

/**
 * Writes a tally into the figures: the counters ADDed and the shard's watermark moved to
 * `through`, in ONE transaction, only if the watermark is still the tally's `base`. A watermark
 * moved past it means a write of this very tally (or of one that holds it) went through already:
 * the shard's tallies grow one from another, and each write starts from the watermark it read.
 * So a retried final invocation, or a batch that comes again after its tally was written, adds
 * nothing. `written`, `already` (someone wrote it), or `nothing` to write.
 */
export async function writeTally(client: DynamoDBDocumentClient, tableName: string, shardId: string, tally: FiguresTally): Promise<'written' | 'already' | 'nothing'> {
  const added = Object.entries(tally.counts).flatMap(([aggregate, entry]) => [
    [`${aggregate}Events`, entry!.events],
    [`${aggregate}Streams`, entry!.streams],
  ]) as [string, number][];
  // Counts only grow past the base: none means nothing was tallied since it.
  if (added.length === 0) return 'nothing';
  for (let race = 0; race < MAX_RACES; race++) {
    if (race > 0) await fullJitterPause(race);
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: FIGURES_KEYS.shard(shardId),
                UpdateExpression: 'SET through = :through, expiresAt = :expires',
                ConditionExpression: tally.base === '' ? 'attribute_not_exists(through)' : 'through = :base',
                ExpressionAttributeValues: { ':through': tally.through, ':expires': Math.floor(Date.now() / 1000) + WATERMARK_TTL_SECONDS, ...(tally.base === '' ? {} : { ':base': tally.base }) },
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: FIGURES_KEYS.storeFigures,
                UpdateExpression: `ADD ${added.map((_, i) => `#n${i} :n${i}`).join(', ')}`,
                ExpressionAttributeNames: Object.fromEntries(added.map(([name], i) => [`#n${i}`, name])),
                ExpressionAttributeValues: Object.fromEntries(added.map(([, n], i) => [`:n${i}`, n])),
              },
            },
          ],
        }),
      );
      return 'written';
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'already';
      // Another transaction on the counters in flight (another shard, the other context): again after a pause.
      if (!reasons.some((reason) => reason.Code === 'TransactionConflict')) throw error;
    }
  }
  throw new LostRaceError(FIGURES_KEYS.storeFigures, MAX_RACES);
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
