import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { callerOf, type Caller } from '../domain';
import { groupsOf } from '../http/caller';

/** API Gateway's JWT authorizers verify RSA signatures only. */
const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'];

/**
 * The caller of a route that has no authorizer (an open route that shows more to an admin), from
 * the bearer token if it verifies as API Gateway's JWT authorizer would verify it: the issuer's
 * keys (found through its OpenID discovery document, fetched once per container), `iss`, `aud`
 * among the audiences or else `client_id`, `exp`. Anything else — no token, a bad one — is an
 * anonymous caller, never an error: the route answers everyone.
 */
export function tokenCaller(issuer: string, audiences: readonly string[]): (authorization: string | undefined) => Promise<Caller | undefined> {
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  const keySet = async () => {
    if (keys) return keys;
    const discovery = (await (await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)).json()) as { jwks_uri?: string };
    if (!discovery.jwks_uri) throw new Error(`the issuer ${issuer} publishes no jwks_uri`);
    keys = createRemoteJWKSet(new URL(discovery.jwks_uri));
    return keys;
  };
  return async (authorization) => {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await keySet(), { issuer, algorithms: RSA_ALGORITHMS, requiredClaims: ['exp'] }));
    } catch {
      return undefined;
    }
    const audienceOk = payload.aud !== undefined ? [payload.aud].flat().some((aud) => audiences.includes(aud)) : typeof payload.client_id === 'string' && audiences.includes(payload.client_id);
    if (!audienceOk || typeof payload.sub !== 'string') return undefined;
    return callerOf(payload.sub, groupsOf(payload['cognito:groups'] ?? payload.groups));
  };
}
