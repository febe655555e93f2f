import { accountDecider, accountStreamId, type AccountCommand } from '../domain';
import { accountOwnerOnly } from '../http/account-access';
import { commandRoute } from '../../platform/http/command-route';
import { pathParameter } from '../../platform/http/path-parameter';
import { AccountId } from '../http/schemas';
import { MoneyBody } from '../http/requests';
import { idempotency, store } from './dependencies';

/**
 * The route of a deposit or a withdrawal on one of the caller's accounts (an admin's on any):
 * `{"amount": {"amount": <minor units>, "currency": "EUR"}}`, in the account's currency, more
 * than zero; a withdrawal never takes more than the balance. Money moves, so an Idempotency-Key
 * is required (428 without it): a client that retries after a timeout must not deposit or
 * withdraw twice.
 */
export function accountMoneyRoute(type: Extract<AccountCommand['type'], 'Deposit' | 'Withdraw'>) {
  return commandRoute({
    store,
    idempotency,
    decider: accountDecider,
    access: 'signed-in',
    idempotencyKey: 'required',
    authorize: accountOwnerOnly,
    body: MoneyBody,
    status: 200,
    prepare: async ({ body, event, now }) => {
      const accountId = pathParameter(event, 'id', AccountId);
      return { streamId: accountStreamId(accountId), command: { type, data: { accountId, amount: body.amount }, metadata: { now } } satisfies AccountCommand, location: `/accounts/${accountId}` };
    },
  });
}
