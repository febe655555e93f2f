import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { routeHandler } from '../http/api-handler';
import { HttpError } from '../http/problem';
import { json } from '../http/responses';
import { decodeCursor, encodeCursor } from './cursor';
import { Limit, queryParameters } from './page-query';

const client = documentClient();
const tableName = requireEnv('ORDERS_TABLE');
const byCustomer = requireEnv('ORDERS_BY_CUSTOMER_INDEX');
const byStatus = requireEnv('ORDERS_BY_STATUS_INDEX');

const Status = z.enum(['draft', 'placed', 'confirmed', 'shipped', 'delivered', 'cancelled', 'rejected']);
const Parameters = z.strictObject({ customerId: z.string().min(1).max(128).optional(), status: Status.optional(), limit: Limit, cursor: z.string().max(2000).optional() });

/**
 * GET /orders?customerId=&status=&limit=&cursor=: a customer's orders or the orders in a status,
 * newest first, a page at a time. With both filters the page is read by customer and filtered
 * by status, so it can hold fewer than `limit` orders while nextCursor says there is more.
 */
export const handler = routeHandler(async (event) => {
  const { customerId, status, limit, cursor } = queryParameters(event, Parameters);
  if (!customerId && !status) throw new HttpError(400, 'Invalid request', 'give customerId or status (or both) to list orders');
  const scope = `orders:${customerId ?? ''}:${status ?? ''}`;
  const page = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: customerId ? byCustomer : byStatus,
      KeyConditionExpression: customerId ? 'customerId = :key' : '#status = :key',
      FilterExpression: customerId && status ? '#status = :status' : undefined,
      ExpressionAttributeNames: status ? { '#status': 'status' } : undefined,
      ExpressionAttributeValues: { ':key': customerId ?? status, ...(customerId && status ? { ':status': status } : {}) },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, scope),
    }),
  );
  return json(200, { items: page.Items ?? [], nextCursor: encodeCursor(page.LastEvaluatedKey, scope) });
});
