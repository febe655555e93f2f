import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { ENV } from '../contract/environment';
import { routeHandler } from '../http/api-handler';
import { requestCaller } from '../http/caller';
import { pathParameter } from '../http/path-parameter';
import { json } from '../http/responses';
import { AccountId } from '../http/schemas';
import { readAccount } from './read-account';

const client = documentClient();
const accountsTable = requireEnv(ENV.accountsTable);

/** GET /accounts/{id}: the account as the accounts view has it (balance, status, owner): the caller's own, or any for an admin; ETag is its version. */
export const handler = routeHandler('signed-in', async (event) => {
  const account = await readAccount(client, accountsTable, pathParameter(event, 'id', AccountId), requestCaller(event));
  return json(200, account, { version: account.version });
});
