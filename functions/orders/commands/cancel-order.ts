import { emitBusinessMetric } from '../../platform/observability/business-metrics';
import { orderDecider, type OrderCommand, orderStreamId } from '../domain';
import { commandRoute } from '../../platform/http/command-route';
import { orderOwnerOnly } from '../http/order-access';
import { pathParameter } from '../../platform/http/path-parameter';
import { CancelOrderBody } from '../http/requests';
import { OrderId } from '../http/schemas';
import { idempotency, store } from './dependencies';

/** POST /orders/{id}/cancel: the customer (or an admin) cancels an order that has not shipped. */
export const handler = commandRoute({
  store,
  idempotency,
  decider: orderDecider,
  access: 'signed-in',
  authorize: orderOwnerOnly,
  body: CancelOrderBody,
  status: 200,
  onAppended: (events) => {
    if (events.some((event) => event.type === 'OrderCancelled')) emitBusinessMetric('OrdersCancelled', { by: 'customer' });
  },
  prepare: async ({ body, event, now }) => {
    const orderId = pathParameter(event, 'id', OrderId);
    return { streamId: orderStreamId(orderId), command: { type: 'CancelOrder', data: { orderId, reason: body.reason, by: 'customer' }, metadata: { now } } satisfies OrderCommand };
  },
});
