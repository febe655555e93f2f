import { z } from 'zod';
import { orderDecider, type OrderCommand, orderStreamId } from '../domain';
import { commandRoute } from '../http/command-route';
import { pathParameter } from '../http/path-parameter';
import { OrderId, PaymentMethod } from '../http/schemas';
import { idempotency, store } from './dependencies';

/** POST /orders/{id}/place: places a draft order; the saga takes it from there (202). */
export const handler = commandRoute({
  store,
  idempotency,
  decider: orderDecider,
  body: z.strictObject({ paymentMethod: PaymentMethod }),
  status: 202,
  prepare: async ({ body, event, now }) => {
    const orderId = pathParameter(event, 'id', OrderId);
    return {
      streamId: orderStreamId(orderId),
      command: { type: 'PlaceOrder', data: { orderId, paymentMethod: body.paymentMethod }, metadata: { now } } satisfies OrderCommand,
      location: `/orders/${orderId}`,
    };
  },
});
