import { createRemoteJWKSet, jwtVerify } from 'jose';
import { LocalEdge } from '../../../local/edge/edge';
import { createSigningKey, mintToken, type SigningKey } from '../../../local/oidc';
import { serveIssuers } from '../../../local/oidc/issuers';

/** The local issuer as OIDC clients see it: discovery document and key set served by the edge. */
describe('the local OIDC issuer on the edge', () => {
  let key: SigningKey;
  let edgeUrl = '';
  let issuer = '';
  const logged: string[] = [];
  const edge = new LocalEdge(
    { AWSStepFunctions: async (action, body) => ({ status: 200, body: { action, body } }) },
    { usage: async (method) => ({ status: 200, body: { method } }) },
  );

  beforeAll(async () => {
    key = await createSigningKey();
    edgeUrl = await edge.listen(0);
    issuer = `${edgeUrl}/us-east-1_TestPool1`;
    serveIssuers([issuer, 'https://login.example.com/'], edge, edgeUrl, key, (line) => logged.push(line));
  });
  afterAll(() => edge.close());

  it('serves the discovery document of an issuer on the edge', async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'token'],
      subject_types_supported: ['public'],
    });
  });

  it('serves a key set that jose, fetching it as any OIDC client would, verifies minted tokens with', async () => {
    const { jwks_uri } = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
    const token = await mintToken(key, { sub: 'c-1', groups: ['admin'], issuer, audience: 'client-1' });
    const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL(jwks_uri)), { issuer, audience: 'client-1' });
    expect(payload).toMatchObject({ sub: 'c-1', 'cognito:groups': ['admin'] });
    expect(protectedHeader.kid).toBe(key.kid);
    const { keys } = (await (await fetch(jwks_uri)).json()) as { keys: Record<string, unknown>[] };
    expect(keys.every((k) => !('d' in k) && !('p' in k) && !('q' in k))).toBe(true);
  });

  it('cannot serve an issuer elsewhere, and says that it stands in for it', () => {
    expect(logged).toEqual([expect.stringMatching(/issuer https:\/\/login\.example\.com\/ is not on this machine.*stands in for it/)]);
  });

  it('still routes AWS calls by X-Amz-Target and local hooks by path', async () => {
    const sfn = await fetch(edgeUrl, { method: 'POST', headers: { 'x-amz-target': 'AWSStepFunctions.StartExecution' }, body: '{"name":"x"}' });
    expect(await sfn.json()).toEqual({ action: 'StartExecution', body: { name: 'x' } });
    expect(await (await fetch(`${edgeUrl}/_local/usage`)).json()).toEqual({ method: 'GET' });
    const unknown = await fetch(`${edgeUrl}/us-east-1_Nobody/.well-known/jwks.json`);
    expect(unknown.status).toBe(400);
  });
});
