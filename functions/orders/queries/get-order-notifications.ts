import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { routeHandler } from '../../platform/http/api-handler';
import { requestCaller } from '../../platform/http/caller';
import { pathParameter } from '../../platform/http/path-parameter';
import { json } from '../../platform/http/responses';
import type * as z from '../../platform/http/zod';
import type { OrderNotifications } from '../http/responses';
import { OrderId } from '../http/schemas';
import type { Notification } from '../notifications/notification';
import { readOrder } from './read-order';
import { ORDERS_ENV } from '../contract/environment';

const client = documentClient();
const tableName = requireEnv(ORDERS_ENV.notificationsTable);
const ordersTable = requireEnv(ORDERS_ENV.ordersTable);

/** GET /orders/{id}/notifications: what the customer was told about an order, oldest first; 404 for no such order (or another customer's). */
export const handler = routeHandler('signed-in', async (event) => {
  const orderId = pathParameter(event, 'id', OrderId);
  await readOrder(client, ordersTable, orderId, requestCaller(event));
  const notifications: Notification[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'orderId = :id', ExpressionAttributeValues: { ':id': orderId }, ExclusiveStartKey: startKey }),
    );
    notifications.push(...((page.Items ?? []) as Notification[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  notifications.sort((a, b) => a.at.localeCompare(b.at));
  return json(200, { orderId, notifications } satisfies z.output<typeof OrderNotifications>);
});
