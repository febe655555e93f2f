import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { logger } from '../observability/logger';
import { errorToProblem } from './error-to-problem';
import { problemResponse } from './problem';

/** Middleware: turns any error into a problem+json response; a 5xx is logged as the bug it is. */
export function problemErrors<Event>(): MiddlewareObj<Event, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      const problem = errorToProblem(request.error);
      if (problem.status >= 500) {
        logger.error('unhandled error', request.error ?? new Error('unknown'));
      }
      request.response = problemResponse(problem);
    },
  };
}
