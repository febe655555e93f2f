import { randomUUID } from 'node:crypto';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExtraPut } from '../eventstore';

/** How long a payment method is kept for the charge (the table's TTL deletes it after). */
const TTL_SECONDS = 7 * 24 * 60 * 60;

type StoredPaymentMethod = { ref: string; orderId: string; token: string; expiresAt: number };

/**
 * Payment method tokens, kept apart from the events: an order carries only a reference, so no
 * token reaches the event store, the bus or the saga's history. Only the place-order route can
 * write here and only the charge step can read (each role is granted just that).
 */
export function paymentMethodVault(client: DynamoDBDocumentClient, tableName: string) {
  return {
    /** A new reference and the put that keeps its token, for the placing transaction. */
    keep(orderId: string, token: string, now = Date.now()): { ref: string; put: ExtraPut } {
      const ref = `pm_${randomUUID()}`;
      const item: StoredPaymentMethod = { ref, orderId, token, expiresAt: Math.floor(now / 1000) + TTL_SECONDS };
      return { ref, put: { tableName, item, condition: 'attribute_not_exists(#ref)', names: { '#ref': 'ref' } } };
    },

    /** The token behind a reference of this order, or undefined once expired or for another order. */
    async token(ref: string, orderId: string): Promise<string | undefined> {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { ref }, ConsistentRead: true }));
      const stored = Item as StoredPaymentMethod | undefined;
      return stored && stored.orderId === orderId ? stored.token : undefined;
    },
  };
}

export type PaymentMethodVault = ReturnType<typeof paymentMethodVault>;
