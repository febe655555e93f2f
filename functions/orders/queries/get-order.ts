import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { routeHandler } from '../../platform/http/api-handler';
import { requestCaller } from '../../platform/http/caller';
import { pathParameter } from '../../platform/http/path-parameter';
import { json } from '../../platform/http/responses';
import type * as z from '../../platform/http/zod';
import type { OrderDetails } from '../http/responses';
import { OrderId } from '../http/schemas';
import { orderEffectsOf } from '../projections/order-effects';
import { readOrder } from './read-order';
import { ORDERS_ENV } from '../contract/environment';

const client = documentClient();
const ordersTable = requireEnv(ORDERS_ENV.ordersTable);
const effectsTable = requireEnv(ORDERS_ENV.orderEffectsTable);

/**
 * GET /orders/{id}: the order as the orders view has it (the caller's own, or any for an admin),
 * with what was done about its money (`paymentStatus`: none, attempted, charged, declined, voided, refunded) and its
 * stock (`stockStatus` per sku: reserved, committed, released, returned); ETag is the order's version.
 */
export const handler = routeHandler('signed-in', async (event) => {
  const orderId = pathParameter(event, 'id', OrderId);
  const [order, effects] = await Promise.all([
    readOrder(client, ordersTable, orderId, requestCaller(event)),
    client.send(new GetCommand({ TableName: effectsTable, Key: { orderId } })),
  ]);
  const { payment, stock } = orderEffectsOf(effects.Item);
  return json(200, { ...order, paymentStatus: payment, stockStatus: stock } satisfies Partial<z.output<typeof OrderDetails>>, { version: order.version });
});
