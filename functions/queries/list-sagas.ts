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
const stateMachineArn = requireEnv(ENV.orderSagaArn);

/** The execution statuses Step Functions filters by. */
const Status = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);
const Parameters = z.strictObject({ status: z.optional(Status), limit: Limit, cursor: z.optional(z.string().check(z.maxLength(2000))) });
/** A page position: Step Functions' own nextToken, kept opaque inside our cursor. */
const Position = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(1024)) });

/**
 * GET /sagas?status=&limit=&cursor= (admins): the order sagas, newest first, a page at a time,
 * straight from Step Functions (ListExecutions); each names its order (the execution's name).
 * A cursor belongs to its status filter: another filter's is a 400.
 */
export const handler = routeHandler('admin', async (event) => {
  const { status, limit, cursor } = queryParameters(event, Parameters);
  const scope = `sagas:${status ?? ''}`;
  const position = decodeCursor(cursor, scope, Position);
  const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: status, maxResults: limit, nextToken: position?.token })).catch((error: unknown) => {
    if (error instanceof InvalidToken) throw new HttpError(400, 'Invalid request', 'cursor is not valid: Step Functions no longer knows it; list again from the first page');
    throw error;
  });
  const items = (page.executions ?? []).map((execution) => ({
    orderId: execution.name,
    status: execution.status,
    startedAt: execution.startDate?.toISOString(),
    ...(execution.stopDate ? { stoppedAt: execution.stopDate.toISOString() } : {}),
  }));
  return json(200, { items, nextCursor: encodeCursor(page.nextToken ? { token: page.nextToken } : undefined, scope) });
});
