import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExtraPut } from '../../platform/eventstore';

/** How long a payment method is kept for the charge (the table's TTL deletes it after). */
const TTL_SECONDS = 7 * 24 * 60 * 60;

type StoredPaymentMethod = { ref: string; orderId: string; token: string; expiresAt: number; chargeAttempts?: number };

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

    /**
     * The token behind a reference of this order, for one charge attempt, and which attempt this
     * is (counted on the kept method, whichever execution environment asks); undefined once
     * expired or for another order.
     */
    async takeForCharge(ref: string, orderId: string): Promise<{ token: string; attempt: number } | undefined> {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { ref },
            UpdateExpression: 'ADD chargeAttempts :one',
            ConditionExpression: 'attribute_exists(#ref) AND orderId = :orderId',
            ExpressionAttributeNames: { '#ref': 'ref' },
            ExpressionAttributeValues: { ':one': 1, ':orderId': orderId },
            ReturnValues: 'ALL_NEW',
          }),
        );
        const stored = Attributes as StoredPaymentMethod;
        return { token: stored.token, attempt: stored.chargeAttempts ?? 1 };
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },
  };
}

export type PaymentMethodVault = ReturnType<typeof paymentMethodVault>;
