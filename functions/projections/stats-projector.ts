import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseStreamId, type OrderEvent } from '../domain';
import type { StoredEvent } from '../eventstore';
import type { Projector } from './project-batch';
import { statsDelta, type OrderTracker } from './stats-delta';
import { ViewGapError } from './versioned-view';

/** Keys of the stats table (partition `pk`, sort `sk`). */
export const STATS_KEYS = {
  byStatus: { pk: 'counters', sk: 'orders-by-status' },
  sagaOutcomes: { pk: 'counters', sk: 'saga-outcomes' },
  revenue: (day: string) => ({ pk: 'revenue', sk: day }),
  tracker: (orderId: string) => ({ pk: `order#${orderId}`, sk: 'tracker' }),
  seen: (eventId: string) => ({ pk: `event#${eventId}`, sk: 'seen' }),
};

/**
 * Keeps the stats: orders by status, revenue by day, saga outcomes. Each event moves the counters
 * in ONE transaction with a marker of its event id (written only if absent) and the order's
 * tracker (written only over the version before it), so a redelivered event never counts twice
 * and an event that arrives before its predecessor is retried.
 */
export function statsProjector(client: DynamoDBDocumentClient, tableName: string): Projector {
  return async (stored: StoredEvent) => {
    const stream = parseStreamId(stored.streamId);
    if (stream?.aggregate !== 'order') return 'ignored';
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: STATS_KEYS.tracker(stream.id), ConsistentRead: true }));
    const tracker = Item as (OrderTracker & { pk: string }) | undefined;
    const last = tracker?.version ?? 0;
    if (stored.version <= last) return 'duplicate';
    if (stored.version !== last + 1) throw new ViewGapError(STATS_KEYS.tracker(stream.id), last, stored.version);

    const delta = statsDelta(tracker, stored as unknown as OrderEvent, stored.version);
    const add = (key: Record<string, string>, amounts: Record<string, number>) => {
      const entries = Object.entries(amounts).filter(([, n]) => n !== 0);
      if (entries.length === 0) return [];
      return [{
        Update: {
          TableName: tableName,
          Key: key,
          UpdateExpression: `ADD ${entries.map((_, i) => `#a${i} :a${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#a${i}`, name])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([, n], i) => [`:a${i}`, n])),
        },
      }];
    };
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: { ...STATS_KEYS.seen(stored.meta.eventId) }, ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Put: {
                TableName: tableName,
                Item: { ...STATS_KEYS.tracker(stream.id), ...delta.tracker },
                ConditionExpression: 'attribute_not_exists(pk) OR version = :last',
                ExpressionAttributeValues: { ':last': last },
              },
            },
            ...add(STATS_KEYS.byStatus, delta.byStatus as Record<string, number>),
            ...(delta.revenue ? add(STATS_KEYS.revenue(delta.revenue.day), { [delta.revenue.currency]: delta.revenue.amount }) : []),
            ...(delta.sagaOutcome ? add(STATS_KEYS.sagaOutcomes, { [delta.sagaOutcome]: 1 }) : []),
          ],
        }),
      );
    } catch (error) {
      // A failed condition means another delivery of this event won the race: it counted, so
      // this one must not. A conflicting transaction in flight is not that: retry the record.
      const lostCondition =
        error instanceof ConditionalCheckFailedException ||
        (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'));
      if (lostCondition) return 'duplicate';
      throw error;
    }
    return 'applied';
  };
}
