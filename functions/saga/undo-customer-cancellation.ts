import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { OrderEvent } from '../domain';
import { orderDecider, orderStreamId } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { eventFromRecord, loadState } from '../eventstore';
import { paymentGatewayFromEnv } from '../payments/gateway-from-env';
import { refundOrder, releaseOrderStock } from './give-back';

const store = eventStoreFromEnv();
const gateway = paymentGatewayFromEnv();

/**
 * When a customer cancels an order, refunds its charge and gives back its stock (a reservation,
 * or a sale not yet shipped). Both are no-ops when there is nothing to give back, so a draft's
 * cancellation, a redelivered record, or a saga compensating at the same time change nothing twice.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  for (const record of event.Records) {
    const stored = eventFromRecord(record);
    const cancelled = stored as unknown as Extract<OrderEvent, { type: 'OrderCancelled' }>;
    if (stored.type !== 'OrderCancelled' || cancelled.data.by !== 'customer') continue;
    const { orderId } = cancelled.data;
    const context = { correlationId: stored.meta.correlationId, causationId: stored.meta.eventId, actor: 'cancellation' };
    try {
      const { state } = await loadState(store, orderDecider, orderStreamId(orderId));
      const skus = state.status === 'none' ? [] : state.items.map((line) => line.sku);
      await refundOrder(store, gateway, orderId, context);
      if (skus.length) await releaseOrderStock(store, orderId, skus, context);
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'could not undo a cancelled order', orderId, error: String(error) }));
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
