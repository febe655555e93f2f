import { orderDecider, orderStreamId } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { decideAndAppend } from '../eventstore';
import { requestContext, routeHandler } from '../http/api-handler';
import { pathParameter } from '../http/path-parameter';
import { json } from '../http/responses';
import { OrderId } from '../http/schemas';

const store = eventStoreFromEnv();

/** POST /orders/{id}/place: places a draft order; the saga takes it from there (202). */
export const handler = routeHandler(async (event) => {
  const orderId = pathParameter(event, 'id', OrderId);
  const { state, version } = await decideAndAppend({
    store,
    decider: orderDecider,
    streamId: orderStreamId(orderId),
    command: { type: 'PlaceOrder', data: { orderId }, metadata: { now: new Date().toISOString() } },
    context: requestContext(event),
  });
  return json(202, { ...state, version }, { version, location: `/orders/${orderId}` });
});
