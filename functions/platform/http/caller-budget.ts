import type { MiddlewareObj } from '@middy/core';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { documentClient } from '../clients';
import { ENV } from '../contract/environment';
import { logger } from '../observability/logger';
import { budgetOf, parseBudgets, routeGroupOf, windowOf, type Budgets } from './caller-budgets';
import { groupsOf, verifiedClaims } from './caller';
import { correlationIdOf } from './correlation';
import { CORRELATION_HEADER } from '../observability/correlation';
import { problemResponse, problemType } from './problem';

/** A window's counter outlives the window a little, then DynamoDB's TTL deletes it. */
const COUNTER_TTL_SECONDS = 120;

/** Who is counted: the token's subject as API Gateway verified it, or else the source address. */
function callerOf(event: APIGatewayProxyEventV2): { key: string; groups: string[] } {
  const claims = verifiedClaims(event);
  if (typeof claims?.sub === 'string') return { key: `sub#${claims.sub}`, groups: groupsOf(claims['cognito:groups'] ?? claims.groups) };
  return { key: `ip#${event.requestContext.http?.sourceIp ?? 'unknown'}`, groups: [] };
}

/** The counts in flight of the requests whose answer waits for them (see `countedBeforeWriting`): the refusal, or nothing. */
const verdicts = new WeakMap<object, Promise<APIGatewayProxyStructuredResultV2 | undefined>>();

/** A request past its caller's budget, stopped before it wrote: the middleware answers it 429. */
export class BudgetSpent extends Error {
  override readonly name = 'BudgetSpent';
}

/**
 * For a route that declared it checks the budget before writing: waits for the caller's count
 * of this request, and throws {@link BudgetSpent} past the budget, before anything is written.
 */
export async function ensureWithinBudget(event: object): Promise<void> {
  if (await verdicts.get(event)) throw new BudgetSpent('this caller has used its budget');
}

/**
 * Middleware: each caller's budget of requests per minute per route group (commands, queries),
 * counted with ONE UpdateItem ADD on the caller's counter of the minute. Over budget, the
 * request is answered 429 problem+json with Retry-After (the seconds left in the minute), and a
 * refused command appends nothing. A command is counted before anything else runs, unless its
 * route `countedBeforeWriting` (every command route on the platform's `commandRoute`: it waits for
 * the count before it appends, see {@link ensureWithinBudget}); a query, which writes nothing,
 * is counted while it reads. Either way the answer waits for the count. A counter that cannot be
 * written lets the request through (logged): the limiter never takes the API down with it. Off
 * when the stack gives the function no budgets table.
 */
export function callerBudget(
  options: { client?: DynamoDBDocumentClient; tableName?: string; budgets?: Budgets; now?: () => number; countedBeforeWriting?: boolean } = {},
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const tableName = options.tableName ?? process.env[ENV.callerBudgetsTable];
  const budgetsJson = process.env[ENV.callerBudgets];
  if (!tableName || (!options.budgets && !budgetsJson)) return { before: () => undefined };
  const budgets = options.budgets ?? parseBudgets(budgetsJson!);
  const client = options.client ?? documentClient();
  const now = options.now ?? Date.now;

  /** Counts the request: the 429 to answer when it is past its caller's budget. Never rejects. */
  const count = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2 | undefined> => {
    const { key, groups } = callerOf(event);
    const group = routeGroupOf(event.requestContext.http?.method ?? 'GET');
    const budget = budgetOf(budgets, groups, group);
    if (budget === undefined) return undefined;
    const at = now();
    const { window, secondsLeft } = windowOf(at);
    let requests: number;
    try {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `${key}#${group}#${window}` },
          UpdateExpression: 'ADD #n :one SET expiresAt = if_not_exists(expiresAt, :expires)',
          ExpressionAttributeNames: { '#n': 'requests' },
          ExpressionAttributeValues: { ':one': 1, ':expires': Math.floor(at / 1000) + COUNTER_TTL_SECONDS },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      requests = Number(Attributes?.requests ?? 0);
    } catch (error) {
      logger.warn('the caller budget could not be counted; the request goes through', { error: String(error) });
      return undefined;
    }
    if (requests <= budget) return undefined;
    const response = problemResponse({
      type: problemType('Too many requests'),
      title: 'Too many requests',
      status: 429,
      detail: `this caller has used its budget of ${budget} ${group} a minute; try again in ${secondsLeft} s`,
    });
    // An early response skips every other middleware's `after`: the correlation id is echoed here.
    response.headers = { ...response.headers, 'retry-after': String(secondsLeft), [CORRELATION_HEADER]: correlationIdOf(event) };
    return response;
  };

  // The refusal replaces whatever the request came to (an answer, or an error of its own).
  const refusal = async (request: { event: APIGatewayProxyEventV2 }) => verdicts.get(request.event);
  return {
    before: (request) => {
      const verdict = count(request.event);
      const writes = routeGroupOf(request.event.requestContext.http?.method ?? 'GET') === 'commands';
      if (writes && !options.countedBeforeWriting) return verdict;
      verdicts.set(request.event, verdict);
      return undefined;
    },
    after: refusal,
    onError: refusal,
  };
}
