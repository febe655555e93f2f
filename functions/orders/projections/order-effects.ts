import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseStreamId } from '../domain';
import type { StoredEvent } from '../../platform/eventstore';

/** What the system did about an order's money. */
export type PaymentStatus = 'none' | 'attempted' | 'charged' | 'declined' | 'voided' | 'refunded';
/** What the system did about an order's stock, per product. */
export type StockStatus = 'reserved' | 'committed' | 'released' | 'returned';

/** An order's effects as `GET /orders/{id}` shows them beside the order. */
export type OrderEffects = { payment: PaymentStatus; stock: Record<string, StockStatus> };

const PAYMENT: Record<string, PaymentStatus> = { PaymentAttempted: 'attempted', PaymentCharged: 'charged', PaymentDeclined: 'declined', PaymentVoided: 'voided', PaymentRefunded: 'refunded' };
const STOCK: Record<string, StockStatus> = { StockReserved: 'reserved', StockCommitted: 'committed', StockReleased: 'released', StockReturned: 'returned' };

/** The effect an event records, keyed by order: the payment of `payment#<order>`, or one product's stock held by `reservation#<order>`. */
export function effectOf(stored: StoredEvent): { orderId: string; field: string; status: string } | undefined {
  const data = stored.data as { orderId?: unknown; sku?: unknown };
  const aggregate = parseStreamId(stored.streamId)?.aggregate;
  if (typeof data?.orderId !== 'string') return undefined;
  if (aggregate === 'payment' && PAYMENT[stored.type]) return { orderId: data.orderId, field: 'payment', status: PAYMENT[stored.type]! };
  if (aggregate === 'reservation' && STOCK[stored.type] && typeof data.sku === 'string') return { orderId: data.orderId, field: `stock:${data.sku}`, status: STOCK[stored.type]! };
  return undefined;
}

/**
 * Keeps the order effects view: one row per order, one attribute per effect (`payment`,
 * `stock:<sku>`), each moved only by a later version of the stream it comes from, so duplicates
 * and reordering leave it as the last event says. Separate from the orders row, whose projector
 * rewrites it whole.
 */
export function orderEffectsProjector(client: DynamoDBDocumentClient, tableName: string) {
  return async (stored: StoredEvent): Promise<'applied' | 'stale' | 'ignored'> => {
    const effect = effectOf(stored);
    if (!effect) return 'ignored';
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { orderId: effect.orderId },
          UpdateExpression: 'SET #status = :status, #version = :version',
          ConditionExpression: 'attribute_not_exists(#version) OR #version < :version',
          ExpressionAttributeNames: { '#status': effect.field, '#version': `${effect.field}@version` },
          ExpressionAttributeValues: { ':status': effect.status, ':version': stored.version },
        }),
      );
      return 'applied';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'stale';
      throw error;
    }
  };
}

/** The effects of a row of that view, as the order route shows them. */
export function orderEffectsOf(row: Record<string, unknown> | undefined): OrderEffects {
  const stock: Record<string, StockStatus> = {};
  for (const [name, value] of Object.entries(row ?? {})) if (name.startsWith('stock:') && !name.endsWith('@version')) stock[name.slice('stock:'.length)] = value as StockStatus;
  return { payment: (row?.payment as PaymentStatus | undefined) ?? 'none', stock };
}
