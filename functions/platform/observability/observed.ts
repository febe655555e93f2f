import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { logger, logWith, type LogIds } from './logger';

/**
 * The entry-point wrapper every handler kind builds on: a middy handler whose log lines carry the
 * Lambda context (function, request id, cold start) and the ids of the flow it serves, read from
 * its event by `idsOf`; the ids are reset after each invocation, so none leaks into the next.
 */
export function observed<Event, Result>(idsOf: (event: Event) => LogIds, core: (event: Event, context: Context) => Promise<Result>): (event: Event, context?: Context) => Promise<Result> {
  const handler = middy<Event, Result>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({ before: (request) => logWith(idsOf(request.event)) })
    .handler(core);
  // A test may call a handler without Lambda's context; middy then gives it an empty one.
  return (event, context) => handler(event, context ?? ({} as Context));
}
