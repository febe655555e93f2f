import { mayAccessOrder, orderDecider, orderStreamId, eventSchemas } from '../domain';
import { eventStoreFromEnv } from '../../platform/clients';
import { stateOfStream } from '../../platform/eventstore';
import { routeHandler } from '../../platform/http/api-handler';
import { requestCaller } from '../../platform/http/caller';
import { pathParameter } from '../../platform/http/path-parameter';
import { HttpError } from '../../platform/http/problem';
import { json } from '../../platform/http/responses';
import type * as z from '../../platform/http/zod';
import type { OrderHistory } from '../http/responses';
import { OrderId } from '../http/schemas';
import { historyOf } from '../../platform/queries/stream-history';

const store = eventStoreFromEnv(eventSchemas);

/**
 * GET /orders/{id}/events: the order's history from the event store, oldest first (the caller's own
 * order, or any for an admin), each event with the correlation id of the request it came from.
 */
export const handler = routeHandler('signed-in', async (event) => {
  const orderId = pathParameter(event, 'id', OrderId);
  const caller = requestCaller(event);
  const stream = await store.load(orderStreamId(orderId));
  const { state } = stateOfStream(orderDecider, stream);
  if (state.status === 'none' || !mayAccessOrder(caller, state.customerId)) throw new HttpError(404, 'Not Found', `order ${orderId} does not exist`);
  return json(200, { orderId, version: stream.version, events: historyOf(stream) } satisfies z.output<typeof OrderHistory>, { version: stream.version });
});
