import type { IncomingHttpHeaders } from 'node:http';

/** An HTTP API's `CorsConfiguration`, as its `AWS::ApiGatewayV2::Api` resource gives it. */
export type CorsConfiguration = {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAge?: number;
  allowCredentials: boolean;
};

/** The CORS configuration of an `AWS::ApiGatewayV2::Api`'s properties, if it has one. */
export function corsConfigurationOf(props: Record<string, unknown>): CorsConfiguration | undefined {
  const config = props.CorsConfiguration as Record<string, unknown> | undefined;
  if (!config) return undefined;
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  return {
    allowOrigins: list(config.AllowOrigins),
    allowMethods: list(config.AllowMethods),
    allowHeaders: list(config.AllowHeaders),
    exposeHeaders: list(config.ExposeHeaders),
    ...(config.MaxAge === undefined ? {} : { maxAge: Number(config.MaxAge) }),
    allowCredentials: config.AllowCredentials === true || config.AllowCredentials === 'true',
  };
}

/** Whether a request is a CORS preflight: an OPTIONS with an `Origin` and an `Access-Control-Request-Method`. */
export function isPreflight(method: string, headers: IncomingHttpHeaders): boolean {
  return method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined;
}

/**
 * The headers API Gateway answers a preflight with (status 204, nothing invoked): the origin
 * allowed, the methods and request headers allowed (what was asked for, where the configuration
 * says `*`), how long to keep the answer, and whether credentials may go. None at all for an
 * origin the configuration does not allow: the browser then refuses the request.
 */
export function preflightHeaders(cors: CorsConfiguration, headers: IncomingHttpHeaders): Record<string, string> {
  const origin = allowedOrigin(cors, headers.origin);
  if (!origin) return {};
  const askedMethod = String(headers['access-control-request-method']);
  const askedHeaders = headers['access-control-request-headers'];
  const methods = cors.allowMethods.includes('*') ? askedMethod : cors.allowMethods.join(',');
  const allowHeaders = cors.allowHeaders.includes('*') ? askedHeaders : cors.allowHeaders.join(',');
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': methods,
    ...(allowHeaders ? { 'access-control-allow-headers': allowHeaders } : {}),
    ...(cors.maxAge === undefined ? {} : { 'access-control-max-age': String(cors.maxAge) }),
    ...(cors.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
  };
}

/**
 * The headers API Gateway adds to any other answer to a request from an allowed origin: that
 * origin, the response headers a page may read, and whether credentials may go. None for a
 * request with no `Origin` or one not allowed.
 */
export function responseCorsHeaders(cors: CorsConfiguration, headers: IncomingHttpHeaders): Record<string, string> {
  const origin = allowedOrigin(cors, headers.origin);
  if (!origin) return {};
  return {
    'access-control-allow-origin': origin,
    ...(cors.exposeHeaders.length ? { 'access-control-expose-headers': cors.exposeHeaders.join(',') } : {}),
    ...(cors.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
  };
}

/** A function's response headers without any `Access-Control-*`: with a CORS configuration, API Gateway ignores those. */
export function withoutCorsHeaders<Value>(headers: Record<string, Value>): Record<string, Value> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.toLowerCase().startsWith('access-control-')));
}

/** What `Access-Control-Allow-Origin` says to this origin: `*` if any origin may call, the origin itself if it is listed, else nothing. */
function allowedOrigin(cors: CorsConfiguration, origin: string | string[] | undefined): string | undefined {
  if (typeof origin !== 'string') return undefined;
  if (cors.allowOrigins.includes('*')) return '*';
  return cors.allowOrigins.some((allowed) => allowed.toLowerCase() === origin.toLowerCase()) ? origin : undefined;
}
