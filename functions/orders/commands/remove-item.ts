import { orderDecider, type OrderCommand, orderStreamId } from '../domain';
import { commandRoute } from '../../platform/http/command-route';
import { orderOwnerOnly } from '../http/order-access';
import { pathParameter } from '../../platform/http/path-parameter';
import { OrderId, Sku } from '../http/schemas';
import { idempotency, store } from './dependencies';

/** DELETE /orders/{id}/items/{sku}: removes a line from one of the caller's drafts. */
export const handler = commandRoute({
  store,
  idempotency,
  decider: orderDecider,
  access: 'signed-in',
  authorize: orderOwnerOnly,
  status: 200,
  prepare: async ({ event, now }) => {
    const orderId = pathParameter(event, 'id', OrderId);
    const sku = pathParameter(event, 'sku', Sku);
    return { streamId: orderStreamId(orderId), command: { type: 'RemoveItem', data: { orderId, sku }, metadata: { now } } satisfies OrderCommand };
  },
});
