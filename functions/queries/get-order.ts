import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { routeHandler } from '../http/api-handler';
import { requestCaller } from '../http/caller';
import { pathParameter } from '../http/path-parameter';
import { json } from '../http/responses';
import { OrderId } from '../http/schemas';
import { readOrder } from './read-order';

const client = documentClient();
const ordersTable = requireEnv('ORDERS_TABLE');

/** GET /orders/{id}: the order as the orders view has it (the caller's own, or any for an admin); ETag is the last applied version. */
export const handler = routeHandler('signed-in', async (event) => {
  const orderId = pathParameter(event, 'id', OrderId);
  const order = await readOrder(client, ordersTable, orderId, requestCaller(event));
  return json(200, order, { version: order.version });
});
