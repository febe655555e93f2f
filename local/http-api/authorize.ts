import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayEventRequestContextJWTAuthorizer } from 'aws-lambda';
import { GATEWAY_ANSWERS, type GatewayAnswer } from './answers';
import { jwtAuthorizerContext, tokenScopes } from './jwt-claims';
import type { RouteAuth, TokenVerifier } from './route-auth';

/** What the authorizer decided: go on (with the JWT context for the event), or answer now. */
export type Authorization =
  | { allowed: true; context?: APIGatewayEventRequestContextJWTAuthorizer }
  | { allowed: false; answer: GatewayAnswer; headers: Record<string, string>; reason: string };

const HEADER_SOURCE = /^\$request\.header\.(.+)$/;

/**
 * Authorizes a request to a route as API Gateway's JWT authorizer does: the token from the
 * identity source header (`Bearer <jwt>` or the bare JWT), verified, else 401 with a
 * `www-authenticate` challenge; then, if the route has authorization scopes, at least one of
 * them among the token's scopes, else 403.
 */
export async function authorize(auth: RouteAuth | undefined, headers: IncomingHttpHeaders, verify: TokenVerifier | undefined): Promise<Authorization> {
  if (!auth || auth.type === 'NONE') return { allowed: true };
  const { authorizer, scopes } = auth;
  if (!verify) throw new Error(`route authorizer ${authorizer.id} needs a token verifier, and the local HTTP API has none`);
  const token = bearerToken(headers, authorizer.identitySource);
  // RFC 6750: a request without credentials gets a bare challenge, with no error code.
  if (!token) return refuse(GATEWAY_ANSWERS.unauthorized, 'Bearer', 'no token in the identity source');
  const verdict = await verify(token, authorizer);
  if (!verdict.valid) {
    return refuse(GATEWAY_ANSWERS.unauthorized, `Bearer scope="" error="invalid_token" error_description="${verdict.reason}"`, verdict.reason);
  }
  if (scopes.length && !(tokenScopes(verdict.claims) ?? []).some((scope) => scopes.includes(scope))) {
    // No challenge header: what API Gateway sends with its 403 is not known, only the body.
    return refuse(GATEWAY_ANSWERS.forbidden, undefined, `none of the route's scopes (${scopes.join(', ')}) in the token`);
  }
  return { allowed: true, context: jwtAuthorizerContext(verdict.claims, scopes) };
}

/** Header names an identity source reads; anything but headers is refused when the template is read. */
export function identityHeaders(identitySource: string[]): string[] {
  return identitySource.map((source) => {
    const header = HEADER_SOURCE.exec(source)?.[1];
    if (!header) throw new Error(`identity source ${source}: the local runtime reads JWT identity sources from request headers only`);
    return header.toLowerCase();
  });
}

function bearerToken(headers: IncomingHttpHeaders, identitySource: string[]): string | undefined {
  for (const name of identityHeaders(identitySource)) {
    const raw = headers[name];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (!value) continue;
    const token = value.replace(/^bearer(\s+|$)/i, '').trim();
    if (token) return token;
  }
  return undefined;
}

function refuse(answer: GatewayAnswer, challenge: string | undefined, reason: string): Authorization {
  return { allowed: false, answer, headers: challenge ? { 'www-authenticate': challenge } : {}, reason };
}
