import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { routeHandler } from '../../platform/http/api-handler';
import { requestCaller } from '../../platform/http/caller';
import { pathParameter } from '../../platform/http/path-parameter';
import { json } from '../../platform/http/responses';
import { AccountId } from '../http/schemas';
import { readAccount } from './read-account';
import { BANK_ENV } from '../contract/environment';

const client = documentClient();
const accountsTable = requireEnv(BANK_ENV.accountsTable);

/** GET /accounts/{id}: the account as the accounts view has it (balance, status, owner): the caller's own, or any for an admin; ETag is its version. */
export const handler = routeHandler('signed-in', async (event) => {
  const account = await readAccount(client, accountsTable, pathParameter(event, 'id', AccountId), requestCaller(event));
  return json(200, account, { version: account.version });
});
