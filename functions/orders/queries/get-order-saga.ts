import { SFNClient } from '@aws-sdk/client-sfn';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { routeHandler } from '../../platform/http/api-handler';
import { pathParameter } from '../../platform/http/path-parameter';
import { HttpError } from '../../platform/http/problem';
import { json } from '../../platform/http/responses';
import type * as z from '../../platform/http/zod';
import type { OrderSaga } from '../http/responses';
import { OrderId } from '../http/schemas';
import { sagaExecutions } from '../../platform/saga/saga-executions';
import { ORDERS_ENV } from '../contract/environment';

const sfn = new SFNClient({});
const client = documentClient();
const executions = sagaExecutions(sfn, requireEnv(ORDERS_ENV.orderSagaArn), client);
const failuresTable = requireEnv(ORDERS_ENV.sagaFailuresTable);

/**
 * GET /orders/{id}/saga: the order saga's status and the steps it took, read from Step Functions
 * (the execution named by the order id) or, for an Express saga, from its runs table, with the record of a failed compensation if any.
 * Saga monitoring is for admins: the execution's errors and causes are operators' reading.
 */
export const handler = routeHandler('admin', async (event) => {
  const orderId = pathParameter(event, 'id', OrderId);
  const saga = await executions.report(orderId);
  if (!saga) throw new HttpError(404, 'Not Found', `order ${orderId} has no saga: it does not exist or has not been placed`);
  const { Item: compensationFailure } = await client.send(new GetCommand({ TableName: failuresTable, Key: { orderId } }));
  return json(200, { orderId, ...saga, compensationFailure } satisfies z.output<typeof OrderSaga>);
});
