import type { RouteAuth } from './route-auth';
import type { ThrottleSettings } from './throttle';

/** One route of an HTTP API: its route key, the function its integration invokes, how it is authorized and throttled. */
export type HttpRoute = {
  routeKey: string;
  functionName: string;
  /** Absent means `NONE`, as a route without `AuthorizationType` is in AWS. */
  auth?: RouteAuth;
  /** Absent means unlimited (no stage or route throttle in the template). */
  throttle?: ThrottleSettings;
  /** The execute-api ARN API Gateway invokes the function for (what a Lambda permission's SourceArn matches). */
  sourceArn?: string;
  /** How long API Gateway waits for the function (the integration's `TimeoutInMillis`); absent means 30 s, an HTTP API's most. */
  timeoutMs?: number;
};

/** The route a request matched, with its path parameters. */
export type RouteMatch = { route: HttpRoute; pathParameters?: Record<string, string> };

/** A request path that is not valid percent-encoding (`/orders/%E0%A4%A`): a 400, never a crash. */
export class MalformedPathError extends Error {
  constructor(readonly path: string) {
    super(`malformed percent-encoding in ${path}`);
    this.name = 'MalformedPathError';
  }
}

type CompiledRoute = { route: HttpRoute; method: string; segments: string[] | undefined };

/**
 * Matches requests to route keys as API Gateway does: literal segments before parameters, greedy
 * `{proxy+}` last, `$default` as the fallback.
 */
export class RouteTable {
  private readonly compiled: CompiledRoute[];

  constructor(routes: HttpRoute[]) {
    this.compiled = routes.map(compile).sort(bySpecificity);
  }

  /** The route for a request, if any; throws {@link MalformedPathError} for a path that cannot be decoded. */
  match(method: string, path: string): RouteMatch | undefined {
    const parts = path.split('/').filter(Boolean).map((part) => decodeSegment(part, path));
    for (const { route, method: routeMethod, segments } of this.compiled) {
      if (!segments || (routeMethod !== 'ANY' && routeMethod !== method)) continue;
      const pathParameters = matchSegments(segments, parts);
      if (pathParameters) return { route, pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined };
    }
    const fallback = this.compiled.find((c) => c.route.routeKey === '$default');
    return fallback ? { route: fallback.route } : undefined;
  }
}

function decodeSegment(part: string, path: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new MalformedPathError(path);
  }
}

function compile(route: HttpRoute): CompiledRoute {
  if (route.routeKey === '$default') return { route, method: 'ANY', segments: undefined };
  const [method = '', path = ''] = route.routeKey.split(' ');
  return { route, method, segments: path.split('/').filter(Boolean) };
}

/** More literal segments first, then fewer parameters; a greedy parameter matches last. */
function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const score = (r: CompiledRoute) => {
    const segments = r.segments ?? [];
    const greedy = segments.some((s) => s.endsWith('+}')) ? 1 : 0;
    return [greedy, -segments.filter((s) => !s.startsWith('{')).length, -segments.length];
  };
  const [x, y] = [score(a), score(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (segment.startsWith('{') && segment.endsWith('+}')) {
      if (i >= parts.length) return undefined;
      parameters[segment.slice(1, -2)] = parts.slice(i).join('/');
      return parameters;
    }
    const part = parts[i];
    if (part === undefined || part === '') return undefined;
    if (segment.startsWith('{')) parameters[segment.slice(1, -1)] = part;
    else if (segment !== part) return undefined;
  }
  return parts.length === segments.length ? parameters : undefined;
}
