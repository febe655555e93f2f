import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ZodMiniType } from './zod';
import type { Caller, RouteAccess } from '../domain';
import type { AppendContext } from '../eventstore/types';
import { logger } from '../observability/logger';
import { correlation, correlationIdOf } from './correlation';
import { callerBudget } from './caller-budget';
import { bodyLimit, jsonBody, type ParsedEvent } from './json-body';
import { problemErrors } from './problem-errors';
import { routeAccess } from './route-access';

export type ApiResult = APIGatewayProxyStructuredResultV2;

/** How a route's handler meets the caller's budget: `countedBeforeWriting` when it waits for the count itself before it writes anything (see `ensureWithinBudget`). */
export type BudgetCheck = { countedBeforeWriting?: boolean };

/**
 * The shared middy stack of every route that takes a JSON body: log with the Lambda context and the
 * correlation id (echoed in the response, error or not), map errors, count the caller's budget,
 * check access, parse, validate.
 */
export function commandHandler<Body>(access: RouteAccess, schema: ZodMiniType<Body>, core: (event: ParsedEvent<Body>) => Promise<ApiResult>, budget: BudgetCheck = {}) {
  return middy<ParsedEvent<Body>, ApiResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlation())
    .use(problemErrors())
    .use(callerBudget(budget))
    .use(routeAccess(access))
    .use(jsonBody(schema))
    .handler(core);
}

/** The shared middy stack of routes without a body (queries, bodiless commands): as {@link commandHandler}, without the body. */
export function routeHandler(access: RouteAccess, core: (event: APIGatewayProxyEventV2) => Promise<ApiResult>, budget: BudgetCheck = {}) {
  return middy<APIGatewayProxyEventV2, ApiResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlation())
    .use(problemErrors())
    .use(callerBudget(budget))
    .use(routeAccess(access))
    .use(bodyLimit())
    .handler(core);
}

/** Who asked and why, for the metadata of the events a request appends. */
export function requestContext(event: APIGatewayProxyEventV2, caller: Caller): AppendContext {
  return { correlationId: correlationIdOf(event), actor: `${caller.admin ? 'admin' : 'customer'}:${caller.id}` };
}
