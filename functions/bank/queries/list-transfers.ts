import { allowedOwner } from '../domain';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { routeHandler } from '../../platform/http/api-handler';
import { requestCaller } from '../../platform/http/caller';
import { HttpError } from '../../platform/http/problem';
import { json } from '../../platform/http/responses';
import { TransferId } from '../http/schemas';
import * as z from '../../platform/http/zod';
import { decodeCursor, encodeCursor } from '../../platform/queries/cursor';
import { ownerOrStatusPage, type OwnedView } from '../../platform/queries/owner-or-status-page';
import { queryParameters } from '../../platform/queries/page-query';
import { ListTransfersQuery } from '../http/requests';
import { BANK_ENV } from '../contract/environment';

const client = documentClient();
const transfers: OwnedView = {
  tableName: requireEnv(BANK_ENV.transfersTable),
  byOwner: { indexName: requireEnv(BANK_ENV.transfersByRequesterIndex), key: 'requestedBy' },
  byStatus: { indexName: requireEnv(BANK_ENV.transfersByStatusIndex) },
  sortKey: 'requestedAt',
};

/**
 * GET /transfers?status=&requestedBy=&limit=&cursor=, newest first, a page at a time: a customer
 * gets the transfers they asked for (by status too); an admin gets anyone's, the transfers in a
 * status, or with no filter every transfer (a scan: in table order). With both filters the page is
 * read by requester and filtered by status, so it can hold fewer than `limit` while nextCursor
 * says there is more.
 */
export const handler = routeHandler('signed-in', async (event) => {
  const { limit, cursor, status, requestedBy: asked } = queryParameters(event, ListTransfersQuery);
  const allowed = allowedOwner(requestCaller(event), asked);
  if (!allowed) throw new HttpError(403, 'Forbidden', 'a customer can list only the transfers they asked for: leave requestedBy out (or give your own id)');
  const requestedBy = allowed.ownerId;
  const scope = `transfers:${requestedBy ?? ''}:${status ?? ''}`;
  const requestedAt = z.iso.datetime();
  const position = requestedBy
    ? z.strictObject({ transferId: TransferId, requestedBy: z.literal(requestedBy), requestedAt })
    : status
      ? z.strictObject({ transferId: TransferId, status: z.literal(status), requestedAt })
      : z.strictObject({ transferId: TransferId });
  const startKey = decodeCursor(cursor, scope, position);
  const page = await ownerOrStatusPage(client, transfers, { owner: requestedBy, status }, { limit, startKey });
  return json(200, { items: page.items, nextCursor: encodeCursor(page.lastKey, scope) });
});
