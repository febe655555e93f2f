import { commandHandler } from '../http/api-handler';
import { requestCaller } from '../http/caller';
import { pathParameter } from '../http/path-parameter';
import { HttpError } from '../http/problem';
import { json } from '../http/responses';
import { inboxFromEnv } from './inbox-from-env';
import { InboxItemId, ResolveInboxItem } from './inbox-schemas';
import { viewOf } from './inbox-views';

const inbox = inboxFromEnv();

/**
 * POST /inbox/{id}/resolve {"note": …} (admins): a person says the item is handled and how. It
 * leaves the open list and keeps its history, the resolution recorded with who and when. An item
 * already done stays as it was (200, unchanged).
 */
export const handler = commandHandler('admin', ResolveInboxItem, async (event) => {
  const itemId = pathParameter(event, 'id', InboxItemId);
  const by = `admin:${requestCaller(event).id}`;
  const resolved = await inbox.resolve(itemId, { type: 'Resolved', at: new Date().toISOString(), by, note: event.parsedBody.note });
  const item = resolved ?? (await inbox.get(itemId));
  if (!item) throw new HttpError(404, 'Not found', `inbox item ${itemId} does not exist`);
  return json(200, viewOf(item));
});
