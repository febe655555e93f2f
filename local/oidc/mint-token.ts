import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { SIGNING_ALGORITHM } from './algorithm';
import type { SigningKey } from './signing-key';

/** What a minted token says; the rest of a Cognito token's claims are derived from it. */
export type MintOptions = {
  /** The user: `sub`, and `cognito:username` (`username` in an access token). */
  sub: string;
  /** Cognito groups, as the `cognito:groups` claim. */
  groups?: string[];
  /** `iss`: the issuer URL the authorizer expects. */
  issuer: string;
  /** The app client id: `aud` of an ID token, `client_id` of an access token. */
  audience: string;
  /** `id` (default) mints an ID token; `access` an access token, which has no `aud`. */
  tokenUse?: 'id' | 'access';
  /** The `scope` claim (space-separated), as access tokens carry. */
  scope?: string;
  /** Lifetime from `now`; default one hour, as Cognito's default. */
  ttlSeconds?: number;
  /** When the token is issued; default now. A past date with a short ttl makes an expired token. */
  now?: Date;
  /** Extra claims, or overrides of the derived ones (e.g. `nbf`). */
  claims?: JWTPayload;
};

const DEFAULT_TTL_SECONDS = 3600;

/**
 * Mints a compact JWS shaped like a Cognito user pool token, signed with the local key: header
 * `{ alg: 'RS256', kid, typ: 'JWT' }`; claims `iss`, `sub`, `token_use`, `auth_time`, `iat`, `exp`,
 * `jti`, `cognito:groups` when groups are given, and `aud` + `cognito:username` for an ID token or
 * `client_id` + `username` for an access token.
 */
export async function mintToken(key: SigningKey, options: MintOptions): Promise<string> {
  const { sub, groups, issuer, audience, tokenUse = 'id', scope, ttlSeconds = DEFAULT_TTL_SECONDS, now = new Date(), claims = {} } = options;
  const issuedAt = Math.floor(now.getTime() / 1000);
  const audienceClaims = tokenUse === 'id' ? { aud: audience, 'cognito:username': sub } : { client_id: audience, username: sub };
  const payload: JWTPayload = {
    sub,
    ...(groups ? { 'cognito:groups': groups } : {}),
    iss: issuer,
    ...audienceClaims,
    token_use: tokenUse,
    ...(scope !== undefined ? { scope } : {}),
    auth_time: issuedAt,
    iat: issuedAt,
    exp: issuedAt + ttlSeconds,
    jti: randomUUID(),
    ...claims,
  };
  return new SignJWT(payload).setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}
