import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { keySetDocument, loadOrCreateSigningKey, type LocalAuthInfo, type SigningKey } from '../../../local/oidc';

const ROOT = join(__dirname, '..', '..', '..');
const ISSUER = 'http://127.0.0.1:4599/us-east-1_TestPool1';
const CLIENT = 'abcdefghijklmnopqrstuvwxyz';

/** Runs `tools/token.ts` as `npm run token` does (tsx), in a child process. */
function token(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'tools', 'token.ts'), ...args], { cwd: ROOT, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run token', () => {
  let dir = '';
  let runtime = '';
  let key: SigningKey;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'orderline-token-'));
    const keyFile = join(dir, 'oidc-signing-key.json');
    key = await loadOrCreateSigningKey(keyFile);
    runtime = join(dir, 'runtime.json');
    const auth: LocalAuthInfo = { issuer: ISSUER, audiences: [CLIENT], keyFile };
    writeFileSync(runtime, JSON.stringify({ apiUrl: 'http://127.0.0.1:3000', auth }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const verify = async (jwt: string) => (await jwtVerify(jwt, createLocalJWKSet(keySetDocument([key])), { issuer: ISSUER, audience: CLIENT })).payload;

  it('prints only an admin token the running system accepts, so $(npm run -s token -- --admin) works', async () => {
    const { code, stdout } = await token('--runtime', runtime, '--admin');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const payload = await verify(stdout.trim());
    expect(payload).toMatchObject({ sub: 'admin', 'cognito:groups': ['admin'], token_use: 'id' });
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it("mints a customer's token with the given lifetime, and an admin's under another sub", async () => {
    const customer = await token('--runtime', runtime, '--customer', 'c-42', '--ttl', '60');
    const payload = await verify(customer.stdout.trim());
    expect(payload).toMatchObject({ sub: 'c-42' });
    expect(payload).not.toHaveProperty('cognito:groups');
    expect(payload.exp! - payload.iat!).toBe(60);
    const admin = await token('--runtime', runtime, '--admin', '--sub', 'ops-1');
    expect(await verify(admin.stdout.trim())).toMatchObject({ sub: 'ops-1', 'cognito:groups': ['admin'] });
  });

  it('fails clearly, printing no token, when the system was never started', async () => {
    const { code, stdout, stderr } = await token('--runtime', join(dir, 'missing.json'), '--admin');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/missing\.json does not exist: start the local system first \(npm start\)/);

    const withoutAuth = join(dir, 'no-auth.json');
    writeFileSync(withoutAuth, JSON.stringify({ apiUrl: 'http://127.0.0.1:3000' }));
    const noAuth = await token('--runtime', withoutAuth, '--customer', 'c-1');
    expect({ code: noAuth.code, stdout: noAuth.stdout }).toEqual({ code: 1, stdout: '' });
    expect(noAuth.stderr).toMatch(/no auth block: the running stack has no JWT authorizer/);
  });

  it('fails with the usage on wrong arguments', async () => {
    for (const args of [[], ['--admin', '--customer', 'c-1'], ['--customer', 'c-1', '--ttl', 'soon'], ['--admin', '--bogus']]) {
      const { code, stdout, stderr } = await token('--runtime', runtime, ...args);
      expect({ args, code, stdout }).toEqual({ args, code: 1, stdout: '' });
      expect(stderr).toMatch(/usage: npm run -s token/);
    }
  });
});
