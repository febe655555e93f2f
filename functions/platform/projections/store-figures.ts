import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseStreamId } from '../domain';
import type { StoredEvent } from '../eventstore';
import { FIGURES_KEYS, MARKER_TTL_SECONDS } from './figures-keys';

/** The event store's figures, per aggregate type: events appended, and streams begun (an event at version 1). */
export type StoreFigures = Partial<Record<string, { events: number; streams: number }>>;

/**
 * Counts one event into the store's figures, once: a marker of its event id (written only if
 * absent) and the counters move in ONE transaction, so a redelivered event counts nothing. An
 * event of a stream that is not an aggregate's is not counted.
 */
export async function countInStoreFigures(client: DynamoDBDocumentClient, tableName: string, event: StoredEvent): Promise<'applied' | 'duplicate' | 'ignored'> {
  const aggregate = parseStreamId(event.streamId)?.aggregate;
  if (!aggregate) return 'ignored';
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...FIGURES_KEYS.inStoreFigures(event.meta.eventId), expiresAt: Math.floor(Date.parse(event.at) / 1000) + MARKER_TTL_SECONDS },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: FIGURES_KEYS.storeFigures,
              UpdateExpression: 'ADD #events :one, #streams :begun',
              ExpressionAttributeNames: { '#events': `${aggregate}Events`, '#streams': `${aggregate}Streams` },
              ExpressionAttributeValues: { ':one': 1, ':begun': event.version === 1 ? 1 : 0 },
            },
          },
        ],
      }),
    );
    return 'applied';
  } catch (error) {
    const [marker] = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
    if (marker?.Code === 'ConditionalCheckFailed') return 'duplicate';
    throw error;
  }
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
