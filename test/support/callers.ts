import { createSigningKey, loadOrCreateSigningKey, mintToken, type MintOptions, type SigningKey } from '../../local/oidc';
import { testEnv } from './test-env';

/** Someone calling the API: a customer (`sub`), or an admin; `groups`, the token's other groups (a budget tier). */
export type TestCaller = { sub: string; admin?: boolean; groups?: string[] };

/** The customer the suites act as unless they say otherwise. */
export const CUSTOMER: TestCaller = { sub: 'c-1' };
export const ADMIN: TestCaller = { sub: 'admin-1', admin: true };

/** A token for this caller, signed by the local issuer the running API trusts. Overrides make bad ones. */
export async function tokenFor(caller: TestCaller, overrides: Partial<MintOptions> & { key?: SigningKey } = {}): Promise<string> {
  const { auth, target } = testEnv();
  if (!auth) {
    // A deployed stack trusts its own issuer: the suite can only use tokens it is given.
    const variable = caller === CUSTOMER ? 'ORDERLINE_CUSTOMER_TOKEN' : caller === ADMIN ? 'ORDERLINE_ADMIN_TOKEN' : undefined;
    const given = variable && process.env[variable];
    if (given && Object.keys(overrides).length === 0) return given;
    throw new Error(
      `TARGET=${target} mints no tokens: set ORDERLINE_CUSTOMER_TOKEN and ORDERLINE_ADMIN_TOKEN (tokens of your issuer); tests that need other callers or forged tokens run locally only`,
    );
  }
  const { key = await signingKey(auth.keyFile), ...options } = overrides;
  return mintToken(key, { sub: caller.sub, groups: caller.admin || caller.groups ? [...(caller.admin ? ['admin'] : []), ...(caller.groups ?? [])] : undefined, issuer: auth.issuer, audience: auth.audiences[0]!, ...options });
}

/** A key the running API does not trust, for forged tokens. */
export const strangerKey = (): Promise<SigningKey> => createSigningKey();

const keys = new Map<string, Promise<SigningKey>>();
function signingKey(file: string): Promise<SigningKey> {
  if (!keys.has(file)) keys.set(file, loadOrCreateSigningKey(file));
  return keys.get(file)!;
}

const tokens = new Map<string, Promise<string>>();
/** The caller's `Authorization` header value, one token per caller for the whole run. */
export function bearer(caller: TestCaller): Promise<string> {
  const id = `${caller.admin ? 'admin' : 'customer'}:${caller.sub}:${(caller.groups ?? []).join(',')}`;
  if (!tokens.has(id)) tokens.set(id, tokenFor(caller, { ttlSeconds: 4 * 3600 }).then((token) => `Bearer ${token}`));
  return tokens.get(id)!;
}
