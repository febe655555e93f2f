import { InvalidToken, ListExecutionsCommand, SFNClient, StateMachineDoesNotExist, StateMachineTypeNotSupported } from '@aws-sdk/client-sfn';
import { documentClient } from '../clients';
import { SAGA_RUNS_TABLE_SUFFIX, SagaRuns } from '../saga/saga-runs';
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
/** An Express saga's page position: where each stream of its runs stopped (saga-runs.ts). */
const RunsPosition = z.partialRecord(
  z.enum(['RUNNING', 'TIMED_OUT', 'SUCCEEDED', 'FAILED']),
  // '' (read to its end) or `<startedAt> <sagaId>`: anything else never reaches DynamoDB as a start key.
  z.string().check(z.maxLength(300), z.regex(/^$|^\d{4}-\d{2}-\d{2}T[0-9:.]+Z [A-Za-z0-9_-]{1,80}$/)),
);
const client = documentClient();

/**
 * GET /sagas?saga=order|transfer|…&status=&limit=&cursor= (admins): one saga's executions, newest
 * first, a page at a time, straight from Step Functions (ListExecutions) or, for an Express saga
 * (which Step Functions does not list), from its runs table; each names what it is about (the
 * execution's name, as `<saga>Id`). A cursor belongs to its saga and status filter: another
 * filter's is a 400. The platform knows no saga: each context names its own.
 */
export const handler = routeHandler('admin', async (event) => {
  const { saga, status, limit, cursor } = queryParameters(event, SagaListingQuery);
  // The order sagas' cursors keep their scope from before there were two sagas.
  const scope = saga === 'order' ? `sagas:${status ?? ''}` : `sagas:${saga}:${status ?? ''}`;
  const idField = `${saga}Id`;
  // A cursor is Step Functions' (a Standard saga's) or the runs table's (an Express saga's).
  const runsScope = `${scope}:runs`;
  const runsAfter = cursor === undefined ? undefined : decodeCursor(cursor, runsScope, RunsPosition, () => undefined);
  const token = cursor === undefined || runsAfter !== undefined ? undefined : decodeCursor(cursor, scope, Position)?.token;
  const page = await sfn
    .send(new ListExecutionsCommand({ stateMachineArn: `${sagaArnPrefix}${saga}`, statusFilter: status, maxResults: limit, nextToken: token }))
    .catch((error: unknown) => {
      if (error instanceof InvalidToken) throw new HttpError(400, 'Invalid request', 'cursor is not valid: Step Functions no longer knows it; list again from the first page');
      if (error instanceof StateMachineDoesNotExist) throw new HttpError(400, 'Invalid request', `saga: there is no saga named ${saga}`);
      if (error instanceof StateMachineTypeNotSupported) return undefined;
      throw error;
    });
  if (!page) {
    // An Express saga: its own runs, by the runs table named after its state machine.
    const runs = new SagaRuns(client, `${sagaArnPrefix.split(':stateMachine:')[1]}${saga}${SAGA_RUNS_TABLE_SUFFIX}`);
    if (cursor !== undefined && runsAfter === undefined) decodeCursor(cursor, runsScope, RunsPosition);
    const listed = await runs.page({ status, limit, after: runsAfter });
    const items = listed.items.map((run) => ({ [idField]: run.sagaId, status: run.status, startedAt: run.startedAt }));
    return json(200, { items, nextCursor: encodeCursor(listed.next, runsScope) } satisfies z.output<typeof SagaListing>);
  }
  const items = (page.executions ?? []).map((execution) => ({
    [idField]: execution.name,
    status: execution.status,
    startedAt: execution.startDate?.toISOString(),
    ...(execution.stopDate ? { stoppedAt: execution.stopDate.toISOString() } : {}),
  }));
  return json(200, { items, nextCursor: encodeCursor(page.nextToken ? { token: page.nextToken } : undefined, scope) } satisfies z.output<typeof SagaListing>);
});
