import { z } from 'zod';
import { orderDecider, type OrderCommand, orderStreamId } from '../domain';
import { commandRoute } from '../http/command-route';
import { pathParameter } from '../http/path-parameter';
import { OrderId, Reason } from '../http/schemas';
import { idempotency, store } from './dependencies';

/** POST /orders/{id}/cancel: the customer cancels an order that has not shipped. */
export const handler = commandRoute({
  store,
  idempotency,
  decider: orderDecider,
  body: z.strictObject({ reason: Reason }),
  status: 200,
  prepare: async ({ body, event, now }) => {
    const orderId = pathParameter(event, 'id', OrderId);
    return { streamId: orderStreamId(orderId), command: { type: 'CancelOrder', data: { orderId, reason: body.reason, by: 'customer' }, metadata: { now } } satisfies OrderCommand };
  },
});
