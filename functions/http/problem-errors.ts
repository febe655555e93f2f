import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { errorToProblem } from './error-to-problem';
import { problemResponse } from './problem';

/** Middleware: turns any error into a problem+json response; a 5xx is logged as the bug it is. */
export function problemErrors<Event>(): MiddlewareObj<Event, APIGatewayProxyStructuredResultV2> {
  return {
    onError: (request) => {
      const problem = errorToProblem(request.error);
      if (problem.status >= 500) {
        console.error(JSON.stringify({ level: 'error', message: 'unhandled error', error: String(request.error), stack: request.error?.stack }));
      }
      request.response = problemResponse(problem);
    },
  };
}
