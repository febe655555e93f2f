import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mayUseRoute, type RouteAccess } from '../domain';
import { requestCaller } from './caller';
import { HttpError } from './problem';

/**
 * Middleware, first in every route's stack: the caller must be known, and an admin on an admin
 * route (403 otherwise), before the body is even read, so a refused request decides nothing.
 */
export function routeAccess<Event extends APIGatewayProxyEventV2>(access: RouteAccess): MiddlewareObj<Event> {
  return {
    before: ({ event }) => {
      const caller = requestCaller(event);
      if (!mayUseRoute(caller, access)) {
        const { method, path } = event.requestContext.http;
        throw new HttpError(403, 'Forbidden', `${method} ${path} is for admins only`);
      }
    },
  };
}
