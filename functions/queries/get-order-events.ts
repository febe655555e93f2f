import { orderStreamId } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { routeHandler } from '../http/api-handler';
import { pathParameter } from '../http/path-parameter';
import { HttpError } from '../http/problem';
import { json } from '../http/responses';
import { OrderId } from '../http/schemas';

const store = eventStoreFromEnv();

/** GET /orders/{id}/events: the order's history from the event store, oldest first. */
export const handler = routeHandler(async (event) => {
  const orderId = pathParameter(event, 'id', OrderId);
  const stream = await store.load(orderStreamId(orderId));
  if (stream.version === 0) throw new HttpError(404, 'Not Found', `order ${orderId} does not exist`);
  const events = stream.events.map(({ version, type, data, at, meta }) => ({ version, type, at, data, eventId: meta.eventId }));
  return json(200, { orderId, version: stream.version, events }, { version: stream.version });
});
