import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { SIGNING_ALGORITHM } from './algorithm';

/** A key the local issuer signs tokens with: the private half, and the public JWK its key set publishes. */
export type SigningKey = {
  kid: string;
  privateKey: CryptoKey;
  /** The public half only, as a JWKS entry (`kty`, `n`, `e`, `kid`, `alg`, `use`). */
  publicJwk: JWK;
};

/** A key file that is not a private RSA JWK the local issuer wrote. */
export class SigningKeyFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason} (delete the file to make a new signing key; tokens signed with the old one stop working)`, options);
    this.name = 'SigningKeyFileError';
  }
}

/** Makes a fresh RS256 key held in memory only: for tests that need a token signed by a stranger. */
export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  return fromPrivateJwk(await withKid(await exportJWK(privateKey)));
}

/**
 * The local issuer's signing key, kept in `file` as a private JWK so that tokens printed by one
 * run stay valid in the next. Made on first use and published whole (written to a temporary file,
 * then linked into place, which fails rather than overwrites if the file appeared meanwhile): when
 * two processes race, both end up with the key of the one that published first.
 */
export async function loadOrCreateSigningKey(file: string): Promise<SigningKey> {
  const existing = readKeyFile(file);
  if (existing) return fromPrivateJwk(existing, file);
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = await withKid(await exportJWK(privateKey));
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temporary, JSON.stringify(jwk, null, 2), { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  // Whoever published first won: use the key that is in the file now, ours or theirs.
  return fromPrivateJwk(readKeyFile(file) ?? jwk, file);
}

/** The JWK Thumbprint (RFC 7638) as `kid`: stable for a key, and no other key has it. */
async function withKid(jwk: JWK): Promise<JWK> {
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: SIGNING_ALGORITHM, use: 'sig' };
}

function readKeyFile(file: string): JWK | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as JWK;
  } catch (cause) {
    throw new SigningKeyFileError(file, 'not JSON', { cause });
  }
}

async function fromPrivateJwk(jwk: JWK, file = '(in memory)'): Promise<SigningKey> {
  const { kty, n, e, d, kid } = jwk;
  if (kty !== 'RSA' || !n || !e || !d || !kid) throw new SigningKeyFileError(file, 'not a private RSA JWK with a kid');
  let privateKey: CryptoKey | Uint8Array;
  try {
    privateKey = await importJWK(jwk, SIGNING_ALGORITHM);
  } catch (cause) {
    throw new SigningKeyFileError(file, `not a usable ${SIGNING_ALGORITHM} key`, { cause });
  }
  if (privateKey instanceof Uint8Array) throw new SigningKeyFileError(file, 'a symmetric key, not an RSA key pair');
  return { kid, privateKey, publicJwk: { kty, n, e, kid, alg: SIGNING_ALGORITHM, use: 'sig' } };
}
