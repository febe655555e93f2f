import { SFNClient } from '@aws-sdk/client-sfn';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mayAccessOwned } from '../domain';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { routeHandler } from '../../platform/http/api-handler';
import { requestCaller } from '../../platform/http/caller';
import { pathParameter } from '../../platform/http/path-parameter';
import { json } from '../../platform/http/responses';
import { TransferId } from '../http/schemas';
import { sagaExecutions } from '../../platform/saga/saga-executions';
import { readView } from '../../platform/queries/read-view';
import { BANK_ENV } from '../contract/environment';

const sfn = new SFNClient({});
const client = documentClient();
const transfersTable = requireEnv(BANK_ENV.transfersTable);
const failuresTable = requireEnv(BANK_ENV.transferFailuresTable);
const executions = sagaExecutions(sfn, requireEnv(BANK_ENV.transferSagaArn), client);

/**
 * GET /transfers/{id}: the transfer as the transfers view has it (the caller's own, or any for an
 * admin) with its saga: the status and the path of states it went through (null before it starts).
 * An admin also gets each step's errors and the record of a failed compensation, if any.
 */
export const handler = routeHandler('signed-in', async (event) => {
  const transferId = pathParameter(event, 'id', TransferId);
  const caller = requestCaller(event);
  const transfer = await readView(client, transfersTable, { transferId }, `transfer ${transferId}`, (row) => mayAccessOwned(caller, String(row.requestedBy)));
  const saga = await executions.report(transferId);
  if (!caller.admin) return json(200, { ...transfer, saga: saga ? { status: saga.status, path: saga.path } : null }, { version: transfer.version });
  const { Item: compensationFailure } = await client.send(new GetCommand({ TableName: failuresTable, Key: { transferId } }));
  return json(200, { ...transfer, saga: saga ?? null, compensationFailure }, { version: transfer.version });
});
