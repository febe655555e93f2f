import { accountDecider, accountStreamId, mayAccessOwned } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { stateOfStream } from '../eventstore';
import { routeHandler } from '../http/api-handler';
import { requestCaller } from '../http/caller';
import { pathParameter } from '../http/path-parameter';
import { HttpError } from '../http/problem';
import { json } from '../http/responses';
import { AccountId } from '../http/schemas';
import { historyOf } from './stream-history';

const store = eventStoreFromEnv();

/** GET /accounts/{id}/events: the account's history from the event store, oldest first (the caller's own account, or any for an admin). */
export const handler = routeHandler('signed-in', async (event) => {
  const accountId = pathParameter(event, 'id', AccountId);
  const stream = await store.load(accountStreamId(accountId));
  const { state } = stateOfStream(accountDecider, stream);
  if (state.status === 'none' || !mayAccessOwned(requestCaller(event), state.ownerId)) throw new HttpError(404, 'Not Found', `account ${accountId} does not exist`);
  return json(200, { accountId, version: stream.version, events: historyOf(stream) }, { version: stream.version });
});
