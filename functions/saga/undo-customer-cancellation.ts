import { orderDecider, orderStreamId } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { orderEventOf } from '../effects/bus-event';
import { effectConsumer } from '../effects/effect-consumer';
import { effectQueuesFromEnv } from '../effects/queues-from-env';
import { loadState } from '../eventstore';
import { paymentGatewayFromEnv } from '../payments/gateway-from-env';
import { refundOrder, releaseOrderStock } from './give-back';

const store = eventStoreFromEnv();
const gateway = paymentGatewayFromEnv();

/**
 * When a customer cancels an order, refunds its charge and gives back its stock (a reservation,
 * or a sale not yet shipped), from the cancellations queue: the event waits there, retried with
 * backoff, however long the gateway or the table is unavailable. Both are no-ops when there is
 * nothing to give back, so a redelivered message, or a saga compensating at the same time,
 * changes nothing twice.
 */
export const handler = effectConsumer(effectQueuesFromEnv(), async (event) => {
  const { orderId } = orderEventOf(event, 'OrderCancelled').data;
  const context = { correlationId: event.detail.correlationId ?? orderId, causationId: event.detail.eventId, actor: 'cancellation' };
  const { state } = await loadState(store, orderDecider, orderStreamId(orderId));
  const skus = state.status === 'none' ? [] : state.items.map((line) => line.sku);
  await refundOrder(store, gateway, orderId, context);
  if (skus.length) await releaseOrderStock(store, orderId, skus, context);
});
