import { routeHandler } from '../http/api-handler';
import { pathParameter } from '../http/path-parameter';
import { HttpError } from '../http/problem';
import { json } from '../http/responses';
import { inboxFromEnv } from './inbox-from-env';
import { InboxItemId } from './inbox-schemas';
import { viewOf } from './inbox-views';

const inbox = inboxFromEnv();

/** GET /inbox/{id} (admins): one item, open or done, with the message itself and its history. */
export const handler = routeHandler('admin', async (event) => {
  const itemId = pathParameter(event, 'id', InboxItemId);
  const item = await inbox.get(itemId);
  if (!item) throw new HttpError(404, 'Not found', `inbox item ${itemId} does not exist`);
  return json(200, viewOf(item));
});
