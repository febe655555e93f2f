import { allowedOrderListing } from '../domain';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { routeHandler } from '../../platform/http/api-handler';
import { requestCaller } from '../../platform/http/caller';
import { HttpError } from '../../platform/http/problem';
import { json } from '../../platform/http/responses';
import { decodeCursor, encodeCursor } from '../../platform/queries/cursor';
import { ownerOrStatusPage, type OwnedView } from '../../platform/queries/owner-or-status-page';
import { queryParameters } from '../../platform/queries/page-query';
import { ListOrdersQuery } from '../http/requests';
import { OrderId } from '../http/schemas';
import * as z from '../../platform/http/zod';
import { ORDERS_ENV } from '../contract/environment';
import { ORDERS_FEED } from '../projections/order-view';

const client = documentClient();
const orders: OwnedView = {
  tableName: requireEnv(ORDERS_ENV.ordersTable),
  byOwner: { indexName: requireEnv(ORDERS_ENV.ordersByCustomerIndex), key: 'customerId' },
  byStatus: { indexName: requireEnv(ORDERS_ENV.ordersByStatusIndex) },
  everything: { indexName: requireEnv(ORDERS_ENV.ordersByTimeIndex), key: 'feed', value: ORDERS_FEED },
  sortKey: 'createdAt',
};

/** A page position of this listing: the table's key, plus the index's keys with the partition value asked for. */
function positionIn({ customerId, status }: { customerId?: string; status?: string }): z.ZodMiniType<Record<string, string>> {
  const createdAt = z.iso.datetime();
  if (customerId) return z.strictObject({ orderId: OrderId, customerId: z.literal(customerId), createdAt });
  if (status) return z.strictObject({ orderId: OrderId, status: z.literal(status), createdAt });
  return z.strictObject({ orderId: OrderId, feed: z.literal(ORDERS_FEED), createdAt });
}

/**
 * GET /orders?customerId=&status=&from=&to=&limit=&cursor=, a page at a time, newest first,
 * created within `from`..`to` when given (both ends included):
 * - a customer gets their own orders (optionally in a status); another customer's are refused;
 * - an admin gets a customer's orders, the orders in a status, or with no filter every order
 *   (the index of all orders by time, one partition: see ORDERS_FEED).
 * With both filters the page is read by customer and filtered by status, so it can hold fewer
 * than `limit` orders while nextCursor says there is more.
 */
export const handler = routeHandler('signed-in', async (event) => {
  const { limit, cursor, from, to, ...asked } = queryParameters(event, ListOrdersQuery);
  if (from && to && from > to) throw new HttpError(400, 'Bad Request', `from (${from}) is after to (${to}): no order can be created in that range`);
  const listing = allowedOrderListing(requestCaller(event), asked);
  if (!listing) throw new HttpError(403, 'Forbidden', "a customer can list only their own orders: leave customerId out (or give your own)");
  const { customerId, status } = listing;
  // A cursor is bound to its query: the filters and the range it was given for.
  const scope = `orders:${customerId ?? ''}:${status ?? ''}:${from ?? ''}:${to ?? ''}`;
  const startKey = decodeCursor(cursor, scope, positionIn(listing));
  const page = await ownerOrStatusPage(client, orders, { owner: customerId, status, range: { from, to } }, { limit, startKey });
  return json(200, { items: page.items, nextCursor: encodeCursor(page.lastKey, scope) });
});
