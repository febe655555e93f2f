import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { routeHandler } from '../http/api-handler';
import { pathParameter } from '../http/path-parameter';
import { json } from '../http/responses';
import { OrderId } from '../http/schemas';
import { readView } from './read-view';

const client = documentClient();
const ordersTable = requireEnv('ORDERS_TABLE');

/** GET /orders/{id}: the order as the orders view has it; ETag is the last applied version. */
export const handler = routeHandler(async (event) => {
  const orderId = pathParameter(event, 'id', OrderId);
  const order = await readView(client, ordersTable, { orderId }, `order ${orderId}`);
  return json(200, order, { version: order.version });
});
