import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { createSigningKey, keySetDocument, loadOrCreateSigningKey, mintToken, SigningKeyFileError } from '../../../local/oidc';

const ISSUER = 'http://127.0.0.1:4599/us-east-1_TestPool1';
const CLIENT = 'abcdefghijklmnopqrstuvwxyz';

describe('the local issuer signing key', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'orderline-oidc-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made once and kept, so a token printed before a restart is still accepted after it', async () => {
    const file = join(dir, 'state', 'oidc-signing-key.json');
    const first = await loadOrCreateSigningKey(file);
    const token = await mintToken(first, { sub: 'c-1', issuer: ISSUER, audience: CLIENT });

    const afterRestart = await loadOrCreateSigningKey(file);
    expect(afterRestart.kid).toBe(first.kid);
    const { payload } = await jwtVerify(token, createLocalJWKSet(keySetDocument([afterRestart])), { issuer: ISSUER, audience: CLIENT });
    expect(payload.sub).toBe('c-1');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('ends up the same for processes racing to make it, leaving no temporary file behind', async () => {
    const file = join(dir, 'oidc-signing-key.json');
    const keys = await Promise.all(Array.from({ length: 4 }, () => loadOrCreateSigningKey(file)));
    expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
    expect(readdirSync(dir)).toEqual(['oidc-signing-key.json']);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { kid: string }).kid).toBe(keys[0]?.kid);
  });

  it('refuses a file that is not a private RSA key, saying how to recover', async () => {
    const file = join(dir, 'oidc-signing-key.json');
    writeFileSync(file, '{"kty":"oct","k":"c2VjcmV0"}');
    await expect(loadOrCreateSigningKey(file)).rejects.toThrow(SigningKeyFileError);
    writeFileSync(file, 'not json');
    await expect(loadOrCreateSigningKey(file)).rejects.toThrow(/not JSON.*delete the file/);
  });

  it('publishes the public half only', async () => {
    const { keys } = keySetDocument([await createSigningKey()]);
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0] ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
  });
});

describe('tokens minted by the local issuer', () => {
  it('look like a Cognito ID token', async () => {
    const key = await createSigningKey();
    const now = new Date('2026-01-02T03:04:05Z');
    const token = await mintToken(key, { sub: 'admin', groups: ['admin'], issuer: ISSUER, audience: CLIENT, ttlSeconds: 600, now });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: key.kid, typ: 'JWT' });
    const { payload } = await jwtVerify(token, createLocalJWKSet(keySetDocument([key])), { issuer: ISSUER, audience: CLIENT, currentDate: now });
    const issuedAt = now.getTime() / 1000;
    expect(payload).toMatchObject({
      iss: ISSUER,
      sub: 'admin',
      aud: CLIENT,
      token_use: 'id',
      'cognito:username': 'admin',
      'cognito:groups': ['admin'],
      auth_time: issuedAt,
      iat: issuedAt,
      exp: issuedAt + 600,
    });
    expect(typeof payload.jti).toBe('string');
  });

  it('look like a Cognito access token when asked: client_id and username, no aud', async () => {
    const key = await createSigningKey();
    const token = await mintToken(key, { sub: 'c-1', issuer: ISSUER, audience: CLIENT, tokenUse: 'access', scope: 'orders/read' });
    const { payload } = await jwtVerify(token, createLocalJWKSet(keySetDocument([key])), { issuer: ISSUER });
    expect(payload).toMatchObject({ client_id: CLIENT, username: 'c-1', token_use: 'access', scope: 'orders/read' });
    expect(payload).not.toHaveProperty('aud');
    expect(payload).not.toHaveProperty('cognito:groups');
  });
});
