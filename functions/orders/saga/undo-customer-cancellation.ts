import { orderEventOf } from './order-bus-event';
import { effectConsumer } from '../../platform/effects/effect-consumer';
import { effectQueuesFromEnv } from '../../platform/effects/queues-from-env';
import { paymentGatewayFromEnv } from '../payments/gateway-from-env';
import { deadlineOf } from '../../platform/contention/deadline';
import { releaseOrderStock } from '../stock/order-stock';
import { orderStockFromEnv } from '../stock/stock-from-env';
import { refundOrder } from './refund-order';

const stock = orderStockFromEnv();
const { store } = stock;
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
  await refundOrder(store, gateway, orderId, context);
  await releaseOrderStock(stock, orderId, context, deadlineOf());
});
