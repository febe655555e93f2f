import { accountDecider, accountStreamId, mayAccessOwned, eventSchemas } from '../domain';
import { eventStoreFromEnv } from '../../platform/clients';
import { stateOfStream } from '../../platform/eventstore';
import { routeHandler } from '../../platform/http/api-handler';
import { requestCaller } from '../../platform/http/caller';
import { pathParameter } from '../../platform/http/path-parameter';
import { HttpError } from '../../platform/http/problem';
import { json } from '../../platform/http/responses';
import type * as z from '../../platform/http/zod';
import type { AccountHistory } from '../http/responses';
import { AccountId } from '../http/schemas';
import { historyOf } from '../../platform/queries/stream-history';

const store = eventStoreFromEnv(eventSchemas);

/** GET /accounts/{id}/events: the account's history from the event store, oldest first (the caller's own account, or any for an admin). */
export const handler = routeHandler('signed-in', async (event) => {
  const accountId = pathParameter(event, 'id', AccountId);
  const stream = await store.load(accountStreamId(accountId));
  const { state } = stateOfStream(accountDecider, stream);
  if (state.status === 'none' || !mayAccessOwned(requestCaller(event), state.ownerId)) throw new HttpError(404, 'Not Found', `account ${accountId} does not exist`);
  return json(200, { accountId, version: stream.version, events: historyOf(stream) } satisfies z.output<typeof AccountHistory>, { version: stream.version });
});
