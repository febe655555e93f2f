import { readFileSync } from 'node:fs';

/** The `auth` block of `.local/runtime.json`: what a tool needs to mint tokens the running API accepts. */
export type LocalAuthInfo = {
  /** `iss` of the (first) JWT authorizer, as tokens must carry it. */
  issuer: string;
  /** Its audiences (app client ids); tokens are minted for the first. */
  audiences: string[];
  /** The local signing key (a private JWK), absolute path. */
  keyFile: string;
  /** The issuer's discovery document, when the edge serves it (not for an issuer outside this machine). */
  discoveryUrl?: string;
};

/** `.local/runtime.json` is missing or has no usable `auth` block. */
export class RuntimeAuthError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuntimeAuthError';
  }
}

/** Reads the `auth` block of a runtime file written by `npm start`, with an error saying what to do when it cannot. */
export function readRuntimeAuth(runtimeFile: string): LocalAuthInfo {
  let text: string;
  try {
    text = readFileSync(runtimeFile, 'utf8');
  } catch (cause) {
    throw new RuntimeAuthError(`${runtimeFile} does not exist: start the local system first (npm start); it writes that file once it serves`, { cause });
  }
  let auth: Partial<LocalAuthInfo> | undefined;
  try {
    auth = (JSON.parse(text) as { auth?: Partial<LocalAuthInfo> }).auth;
  } catch (cause) {
    throw new RuntimeAuthError(`${runtimeFile} is not JSON`, { cause });
  }
  if (!auth) throw new RuntimeAuthError(`${runtimeFile} has no auth block: the running stack has no JWT authorizer, so its API needs no token`);
  const { issuer, audiences, keyFile, discoveryUrl } = auth;
  if (typeof issuer !== 'string' || !Array.isArray(audiences) || typeof audiences[0] !== 'string' || typeof keyFile !== 'string') {
    throw new RuntimeAuthError(`${runtimeFile}: its auth block lacks issuer, audiences or keyFile`);
  }
  return { issuer, audiences, keyFile, ...(discoveryUrl ? { discoveryUrl } : {}) };
}
