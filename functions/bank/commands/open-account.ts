import { randomUUID } from 'node:crypto';
import { accountDecider, accountStreamId, type AccountCommand } from '../domain';
import { commandRoute } from '../../platform/http/command-route';
import { OpenAccountBody } from '../http/requests';
import { idempotency, store } from './dependencies';

/** POST /accounts: opens an account in one currency for the caller (the token's subject), with a balance of zero. */
export const handler = commandRoute({
  store,
  idempotency,
  decider: accountDecider,
  access: 'signed-in',
  body: OpenAccountBody,
  status: 201,
  prepare: async ({ body, caller, now }) => {
    const accountId = randomUUID();
    return {
      streamId: accountStreamId(accountId),
      newStream: true,
      command: { type: 'OpenAccount', data: { accountId, ownerId: caller.id, currency: body.currency }, metadata: { now } } satisfies AccountCommand,
      location: `/accounts/${accountId}`,
    };
  },
});
