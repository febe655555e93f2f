import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { handledAttributes, unchangedSince, type Handled } from '../../platform/projections/handled-versions';
import type { StatsTotals, TrackerState } from './stats-fold';
import { STATS_KEYS } from './stats-keys';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** How a counting transaction ended: written, or refused because a tracker moved since it was read (or another transaction on its items was in flight). */
export type CountResult = 'written' | 'lost-race';

/** An order's tracker moving from the state read to the next. */
export type TrackerMove = { orderId: string; read: Handled; next: TrackerState };

/**
 * Moves the counters in ONE transaction with the trackers of the orders they count, each written
 * only over the state read (its version and its skipped versions), so an event never counts
 * twice: a redelivered event finds its tracker past it, and of two copies counted at once only
 * one transaction passes the condition (the caller reads again and finds the other counted). The
 * trackers are the only idempotency key the stats need; no marker per event.
 */
export async function countOnce(client: DynamoDBDocumentClient, tableName: string, moves: readonly TrackerMove[], totals: StatsTotals): Promise<CountResult> {
  try {
    await client.send(
      new TransactWriteCommand({
        TransactItems: [...moves.map((move) => ({ Put: { TableName: tableName, Item: trackerItem(move.orderId, move.next), ...unchangedSince(move.read) } })), ...counterUpdates(tableName, totals)],
      }),
    );
    return 'written';
  } catch (error) {
    // A transaction in flight on the same items (the counters are everyone's) is a race lost too: read again and retry.
    const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
    if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict')) return 'lost-race';
    throw error;
  }
}

function trackerItem(orderId: string, state: TrackerState): Record<string, unknown> {
  return { ...STATS_KEYS.tracker(orderId), ...state.tracker, ...handledAttributes(state) };
}

function counterUpdates(tableName: string, totals: StatsTotals): TransactItem[] {
  return [
    ...add(tableName, STATS_KEYS.byStatus, totals.byStatus),
    ...Object.entries(totals.revenue).flatMap(([day, amounts]) => add(tableName, STATS_KEYS.revenue(day), amounts)),
    ...add(tableName, STATS_KEYS.sagaOutcomes, totals.sagaOutcomes),
  ];
}

/** ADDs the amounts to one counters item; an amount of 0 still creates its counter, as a count that went up and down again leaves it. */
function add(tableName: string, key: Record<string, string>, amounts: Record<string, number>): TransactItem[] {
  const entries = Object.entries(amounts);
  if (entries.length === 0) return [];
  return [
    {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: `ADD ${entries.map((_, i) => `#a${i} :a${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#a${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, n], i) => [`:a${i}`, n])),
      },
    },
  ];
}
