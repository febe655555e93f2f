import { createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { TokenVerdict, TokenVerifier } from '../http-api/route-auth';

/** API Gateway verifies RSA signatures only; anything else (`none`, HS*, ES*) is refused before any key is tried. */
const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'];

/**
 * Verifies tokens as an API Gateway JWT authorizer does, against a key set held in process (the
 * local issuer's, so no network): a `kid` naming a key of the set, an RSA signature, `iss` exactly
 * the configured issuer, `aud` among the audiences (or `client_id` when there is no `aud`, as in
 * Cognito access tokens), and `exp`, `nbf` and `iat` against the clock with no tolerance, since
 * AWS documents none. `now` is injectable for tests.
 */
export function tokenVerifier(keySet: JSONWebKeySet, now: () => number = Date.now): TokenVerifier {
  const keys = createLocalJWKSet(keySet);
  return async (token, { issuer, audiences }) => {
    try {
      if (!decodeProtectedHeader(token).kid) return refused('the token has no kid header');
    } catch {
      return refused('the token is not a valid JWT');
    }
    const currentDate = new Date(now());
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, { issuer, algorithms: RSA_ALGORITHMS, clockTolerance: 0, currentDate, requiredClaims: ['exp'] }));
    } catch (error) {
      return refused(describe(error));
    }
    if (typeof payload.iat === 'number' && payload.iat > Math.floor(currentDate.getTime() / 1000)) return refused('the token was issued in the future');
    if (!hasAudience(payload, audiences)) return refused('the token does not have a valid audience');
    return { valid: true, claims: payload };
  };
}

/** `aud` decides when present; only without it does `client_id` count (AWS: "validates client_id only if aud is not present"). */
function hasAudience(payload: JWTPayload, audiences: string[]): boolean {
  if (payload.aud !== undefined) return (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).some((aud) => audiences.includes(aud));
  return typeof payload.client_id === 'string' && audiences.includes(payload.client_id);
}

function refused(reason: string): TokenVerdict {
  return { valid: false, reason };
}

/** Only "the token does not have a valid audience" is AWS's documented wording; the others follow its style. */
function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'the token does not have a valid issuer';
    if (error.claim === 'nbf') return 'the token is not valid yet';
    if (error.claim === 'exp') return 'the token has no expiry';
    return `the token has an invalid ${error.claim} claim`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with an RSA algorithm';
  if (error instanceof errors.JWKSNoMatchingKey) return "the token's kid matches no key of the issuer";
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  return 'the token is not a valid JWT';
}
