import { DescribeExecutionCommand, ExecutionDoesNotExist, SFNClient } from '@aws-sdk/client-sfn';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { routeHandler } from '../http/api-handler';
import { pathParameter } from '../http/path-parameter';
import { HttpError } from '../http/problem';
import { json } from '../http/responses';
import { OrderId } from '../http/schemas';
import { executionHistory } from '../saga/execution-history';
import { sagaSteps } from '../saga/saga-steps';
import { ENV } from '../contract/environment';

const sfn = new SFNClient({});
const client = documentClient();
const stateMachineArn = requireEnv(ENV.orderSagaArn);
const failuresTable = requireEnv(ENV.sagaFailuresTable);

/** The saga of an order is the execution named by its id (the starter names it so). */
const executionArnOf = (orderId: string) => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;

/**
 * GET /orders/{id}/saga: the order saga's status and the steps it took, read from Step Functions
 * (DescribeExecution, GetExecutionHistory), with the record of a failed compensation if any.
 * Saga monitoring is for admins: the execution's errors and causes are operators' reading.
 */
export const handler = routeHandler('admin', async (event) => {
  const orderId = pathParameter(event, 'id', OrderId);
  const executionArn = executionArnOf(orderId);
  const execution = await sfn.send(new DescribeExecutionCommand({ executionArn })).catch((error: unknown) => {
    if (error instanceof ExecutionDoesNotExist) throw new HttpError(404, 'Not Found', `order ${orderId} has no saga: it does not exist or has not been placed`);
    throw error;
  });
  const history = await executionHistory(sfn, executionArn, false);
  const status = execution.status ?? 'RUNNING';
  const { Item: compensationFailure } = await client.send(new GetCommand({ TableName: failuresTable, Key: { orderId } }));
  const steps = sagaSteps(history, status);
  return json(200, {
    orderId,
    executionArn,
    status,
    startedAt: execution.startDate?.toISOString(),
    stoppedAt: execution.stopDate?.toISOString(),
    output: execution.output ? JSON.parse(execution.output) : undefined,
    error: execution.error,
    cause: execution.cause,
    path: steps.map((step) => step.name),
    steps,
    compensationFailure,
  });
});
