import type { APIGatewayEventRequestContextJWTAuthorizer } from 'aws-lambda';

/**
 * A verified token's claims as API Gateway hands them to a payload 2.0 integration: every value a
 * string. Measured against real API Gateway (floci-io/floci#2011): strings as they are, numbers
 * and booleans as their text, arrays bracketed and space-separated (`cognito:groups` arrives as
 * `"[admin poweruser]"`, not JSON), claims whose value is null left out, nested objects as JSON.
 */
export function wireClaims(claims: Record<string, unknown>): Record<string, string> {
  const wire: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === null || value === undefined) continue;
    wire[name] = wireValue(value);
  }
  return wire;
}

/**
 * The `requestContext.authorizer` of a JWT route. `scopes` is the token's whole scope list (`scp`,
 * else `scope` split on spaces) on a route with authorization scopes, and null on a route
 * without, even when the token has a `scope` claim: as measured in floci-io/floci#2011.
 */
export function jwtAuthorizerContext(claims: Record<string, unknown>, routeScopes: string[]): APIGatewayEventRequestContextJWTAuthorizer {
  return { jwt: { claims: wireClaims(claims), scopes: routeScopes.length ? (tokenScopes(claims) ?? []) : null } };
}

/** The scopes a token grants: `scp` (a list or a string) if present, else the space-separated `scope`. */
export function tokenScopes(claims: Record<string, unknown>): string[] | undefined {
  const source = claims.scp ?? claims.scope;
  if (Array.isArray(source)) return source.map(String);
  if (typeof source === 'string') return source.split(' ').filter(Boolean);
  return undefined;
}

function wireValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map((item) => (item !== null && typeof item === 'object' ? JSON.stringify(item) : String(item))).join(' ')}]`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
