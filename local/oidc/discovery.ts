import type { JSONWebKeySet } from 'jose';
import { SIGNING_ALGORITHM } from './algorithm';
import type { SigningKey } from './signing-key';

const DISCOVERY = '/.well-known/openid-configuration';
const JWKS = '/.well-known/jwks.json';

/** The key set an issuer publishes: public halves only. */
export function keySetDocument(keys: SigningKey[]): JSONWebKeySet {
  return { keys: keys.map((key) => key.publicJwk) };
}

/**
 * The OpenID Provider metadata of an issuer, with the fields a Cognito user pool's discovery
 * document has for verifying tokens; no authorization or token endpoint, since none is served
 * locally (tokens come from `npm run token`).
 */
export function openIdConfiguration(issuer: string): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${withoutTrailingSlash(issuer)}${JWKS}`,
    id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
    response_types_supported: ['code', 'token'],
    subject_types_supported: ['public'],
  };
}

/** The discovery document URL of an issuer, as OpenID Connect Discovery builds it. */
export function discoveryUrl(issuer: string): string {
  return `${withoutTrailingSlash(issuer)}${DISCOVERY}`;
}

/**
 * The documents to serve for an issuer whose URL is on the edge, by path on the edge (discovery
 * document and key set); undefined for an issuer elsewhere, which the runtime cannot serve.
 */
export function issuerDocuments(issuer: string, edgeUrl: string, keys: SigningKey[]): Map<string, unknown> | undefined {
  const base = withoutTrailingSlash(edgeUrl);
  if (issuer !== base && !issuer.startsWith(`${base}/`)) return undefined;
  const path = withoutTrailingSlash(issuer.slice(base.length));
  return new Map<string, unknown>([
    [`${path}${DISCOVERY}`, openIdConfiguration(issuer)],
    [`${path}${JWKS}`, keySetDocument(keys)],
  ]);
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
