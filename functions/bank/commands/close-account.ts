import { accountDecider, accountStreamId, type AccountCommand } from '../domain';
import { accountOwnerOnly } from '../http/account-access';
import { commandRoute } from '../../platform/http/command-route';
import { pathParameter } from '../../platform/http/path-parameter';
import { AccountId } from '../http/schemas';
import { idempotency, store } from './dependencies';

/** POST /accounts/{id}/close: closes one of the caller's accounts, only once it holds nothing. */
export const handler = commandRoute({
  store,
  idempotency,
  decider: accountDecider,
  access: 'signed-in',
  authorize: accountOwnerOnly,
  status: 200,
  prepare: async ({ event, now }) => {
    const accountId = pathParameter(event, 'id', AccountId);
    return { streamId: accountStreamId(accountId), command: { type: 'CloseAccount', data: { accountId }, metadata: { now } } satisfies AccountCommand, location: `/accounts/${accountId}` };
  },
});
