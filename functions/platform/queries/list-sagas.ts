import { InvalidToken, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { requireEnv } from '../config';
import { routeHandler } from '../http/api-handler';
import { HttpError } from '../http/problem';
import { json } from '../http/responses';
import * as z from '../http/zod';
import { decodeCursor, encodeCursor } from './cursor';
import { Limit, queryParameters } from './page-query';
import { ENV } from '../contract/environment';

const sfn = new SFNClient({});
/** Each saga's state machine, and what its executions are named by. */
const SAGAS = {
  order: { stateMachineArn: requireEnv(ENV.orderSagaArn), idField: 'orderId' },
  transfer: { stateMachineArn: requireEnv(ENV.transferSagaArn), idField: 'transferId' },
} as const;

/** The execution statuses Step Functions filters by. */
const Status = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);
const Parameters = z.strictObject({ saga: z._default(z.enum(['order', 'transfer']), 'order'), status: z.optional(Status), limit: Limit, cursor: z.optional(z.string().check(z.maxLength(2000))) });
/** A page position: Step Functions' own nextToken, kept opaque inside our cursor. */
const Position = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(1024)) });

/**
 * GET /sagas?saga=order|transfer&status=&limit=&cursor= (admins): the order sagas (or the
 * transfer sagas), newest first, a page at a time, straight from Step Functions (ListExecutions);
 * each names its order or transfer (the execution's name). A cursor belongs to its saga and
 * status filter: another filter's is a 400.
 */
export const handler = routeHandler('admin', async (event) => {
  const { saga, status, limit, cursor } = queryParameters(event, Parameters);
  const { stateMachineArn, idField } = SAGAS[saga];
  // The order sagas' cursors keep their scope from before there were two sagas.
  const scope = saga === 'order' ? `sagas:${status ?? ''}` : `sagas:${saga}:${status ?? ''}`;
  const position = decodeCursor(cursor, scope, Position);
  const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: status, maxResults: limit, nextToken: position?.token })).catch((error: unknown) => {
    if (error instanceof InvalidToken) throw new HttpError(400, 'Invalid request', 'cursor is not valid: Step Functions no longer knows it; list again from the first page');
    throw error;
  });
  const items = (page.executions ?? []).map((execution) => ({
    [idField]: execution.name,
    status: execution.status,
    startedAt: execution.startDate?.toISOString(),
    ...(execution.stopDate ? { stoppedAt: execution.stopDate.toISOString() } : {}),
  }));
  return json(200, { items, nextCursor: encodeCursor(page.nextToken ? { token: page.nextToken } : undefined, scope) });
});
