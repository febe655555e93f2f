import { orderDecider, type OrderCommand, orderStreamId } from '../domain';
import { commandRoute } from '../../platform/http/command-route';
import { pathParameter } from '../../platform/http/path-parameter';
import { OrderId } from '../http/schemas';
import { idempotency, store } from './dependencies';

/** POST /orders/{id}/deliver (admins): records that a shipped order arrived. */
export const handler = commandRoute({
  store,
  idempotency,
  decider: orderDecider,
  access: 'admin',
  status: 200,
  prepare: async ({ event, now }) => {
    const orderId = pathParameter(event, 'id', OrderId);
    return { streamId: orderStreamId(orderId), command: { type: 'DeliverOrder', data: { orderId }, metadata: { now } } satisfies OrderCommand };
  },
});
