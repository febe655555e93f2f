import { Duration } from 'aws-cdk-lib';
import { HttpRoute, HttpRouteKey, type HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { bindCallerBudgets } from './caller-budgets';
import { HandlerFunction } from './handler-function';
import type { Platform } from './platform-exports';

/** One route of a context: its method and path, its function (a handler file under `functions/`), and what the function may touch. */
/** `waits`: the handler may hold a request for its outcome (`Prefer: wait`, up to 10 s), so its function gets the time. */
export type ContextRoute<Binding extends string> = { method: HttpMethod; path: string; id: string; entry: string; description: string; binding: Binding; waits?: boolean };

/** A route that may wait for an outcome: 10 s of waiting and its own work, well within API Gateway's 30 s. */
const WAITING_TIMEOUT = Duration.seconds(15);

/**
 * Adds a context's routes to the platform's HTTP API from the context's own stack: one function
 * per route, its integration and its Lambda permission in this stack, and every route naming the
 * platform's JWT authorizer (a route of an imported API with no authorizer would be open). Who may
 * call a route is decided in its handler; what its function may touch, by `bind`.
 */
export function contextRoutes<Binding extends string>(scope: Construct, platform: Platform, routes: readonly ContextRoute<Binding>[], bind: (fn: LambdaFunction, binding: Binding) => void): HandlerFunction[] {
  return routes.map((route) => {
    const fn = new HandlerFunction(scope, route.id, { entry: route.entry, description: route.description, ...(route.waits ? { timeout: WAITING_TIMEOUT } : {}) });
    bind(fn, route.binding);
    bindCallerBudgets(fn, platform.callerBudgets.table, platform.callerBudgets.budgets);
    new HttpRoute(scope, `${route.id}Route`, {
      httpApi: platform.api,
      routeKey: HttpRouteKey.with(route.path, route.method),
      integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
      authorizer: platform.authorizer,
    });
    return fn;
  });
}
