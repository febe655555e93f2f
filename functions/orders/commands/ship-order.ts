import { orderDecider, type OrderCommand, orderStreamId } from '../domain';
import { commandRoute } from '../../platform/http/command-route';
import { pathParameter } from '../../platform/http/path-parameter';
import { ShipOrderBody } from '../http/requests';
import { OrderId } from '../http/schemas';
import { idempotency, store } from './dependencies';

/** POST /orders/{id}/ship (admins): hands a confirmed order to the carrier. */
export const handler = commandRoute({
  store,
  idempotency,
  decider: orderDecider,
  access: 'admin',
  body: ShipOrderBody,
  status: 200,
  prepare: async ({ body, event, now }) => {
    const orderId = pathParameter(event, 'id', OrderId);
    return { streamId: orderStreamId(orderId), command: { type: 'ShipOrder', data: { orderId, trackingNumber: body.trackingNumber }, metadata: { now } } satisfies OrderCommand };
  },
});
