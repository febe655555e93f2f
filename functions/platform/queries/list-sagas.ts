import { InvalidToken, ListExecutionsCommand, SFNClient, StateMachineDoesNotExist } from '@aws-sdk/client-sfn';
import { requireEnv } from '../config';
import { ENV } from '../contract/environment';
import { routeHandler } from '../http/api-handler';
import { HttpError } from '../http/problem';
import { json } from '../http/responses';
import * as z from '../http/zod';
import { decodeCursor, encodeCursor } from './cursor';
import { queryParameters } from './page-query';
import { SagaListingQuery, type SagaListing } from './saga-listing';

const sfn = new SFNClient({});
/** Every saga's state machine is named `<prefix><saga>` (lib/platform/saga-state-machine.ts), so a saga is found by its name alone. */
const sagaArnPrefix = requireEnv(ENV.sagaArnPrefix);

/** A page position: Step Functions' own nextToken, kept opaque inside our cursor. */
const Position = z.strictObject({ token: z.string().check(z.minLength(1), z.maxLength(1024)) });

/**
 * GET /sagas?saga=order|transfer|…&status=&limit=&cursor= (admins): one saga's executions, newest
 * first, a page at a time, straight from Step Functions (ListExecutions); each names what it is
 * about (the execution's name, as `<saga>Id`). A cursor belongs to its saga and status filter:
 * another filter's is a 400. The platform knows no saga: each context names its own.
 */
export const handler = routeHandler('admin', async (event) => {
  const { saga, status, limit, cursor } = queryParameters(event, SagaListingQuery);
  // The order sagas' cursors keep their scope from before there were two sagas.
  const scope = saga === 'order' ? `sagas:${status ?? ''}` : `sagas:${saga}:${status ?? ''}`;
  const position = decodeCursor(cursor, scope, Position);
  const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn: `${sagaArnPrefix}${saga}`, statusFilter: status, maxResults: limit, nextToken: position?.token })).catch((error: unknown) => {
    if (error instanceof InvalidToken) throw new HttpError(400, 'Invalid request', 'cursor is not valid: Step Functions no longer knows it; list again from the first page');
    if (error instanceof StateMachineDoesNotExist) throw new HttpError(400, 'Invalid request', `saga: there is no saga named ${saga}`);
    throw error;
  });
  const idField = `${saga}Id`;
  const items = (page.executions ?? []).map((execution) => ({
    [idField]: execution.name,
    status: execution.status,
    startedAt: execution.startDate?.toISOString(),
    ...(execution.stopDate ? { stoppedAt: execution.stopDate.toISOString() } : {}),
  }));
  return json(200, { items, nextCursor: encodeCursor(page.nextToken ? { token: page.nextToken } : undefined, scope) } satisfies z.output<typeof SagaListing>);
});
