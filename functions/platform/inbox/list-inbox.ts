import { routeHandler } from '../http/api-handler';
import { json } from '../http/responses';
import * as z from '../http/zod';
import { decodeCursor, encodeCursor } from '../queries/cursor';
import { queryParameters } from '../queries/page-query';
import { inboxFromEnv } from './inbox-from-env';
import { InboxItemId, InboxQuery, type InboxPage } from './inbox-schemas';
import { summaryOf } from './inbox-views';

const inbox = inboxFromEnv();

/**
 * GET /inbox?state=open|done&kind=&limit=&cursor= (admins): what needs a person, newest first,
 * a page at a time; `state=done` lists what was retried or resolved. A cursor belongs to its
 * state and kind.
 */
export const handler = routeHandler('admin', async (event) => {
  const { state, kind, limit, cursor } = queryParameters(event, InboxQuery);
  const scope = `inbox:${state}:${kind ?? ''}`;
  const after = decodeCursor(cursor, scope, z.strictObject({ itemId: InboxItemId, state: z.literal(state), at: z.string().check(z.minLength(1), z.maxLength(40)) }));
  const page = await inbox.list(state, { kind, limit, after });
  return json(200, { items: page.items.map(summaryOf), nextCursor: encodeCursor(page.next, scope) } satisfies z.output<typeof InboxPage>);
});
