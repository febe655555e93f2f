import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { CORRELATION_HEADER, correlationIdFrom } from '../observability/correlation';
import { logWith } from '../observability/logger';

/**
 * Middleware: the request's correlation id, from `x-correlation-id` or a new one. It is written
 * back into the event's headers (so {@link correlationIdOf} reads the one in use), put on every log
 * line of the invocation with the order id of the path, and echoed in the response, error or not.
 */
export function correlation(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const echo = (request: Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>) => {
    if (!request.response) return;
    request.response.headers = { ...request.response.headers, [CORRELATION_HEADER]: correlationIdOf(request.event) };
  };
  return {
    before: (request) => {
      const correlationId = correlationIdFrom(request.event.headers?.[CORRELATION_HEADER]);
      request.event.headers = { ...request.event.headers, [CORRELATION_HEADER]: correlationId };
      logWith({ correlationId, orderId: request.event.pathParameters?.id });
    },
    after: echo,
    onError: echo,
  };
}

/** The correlation id of a request that went through {@link correlation}. */
export function correlationIdOf(event: APIGatewayProxyEventV2): string {
  return event.headers?.[CORRELATION_HEADER] ?? event.requestContext.requestId;
}
