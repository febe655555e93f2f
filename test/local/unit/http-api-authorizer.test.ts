import type { APIGatewayEventRequestContextJWTAuthorizer } from 'aws-lambda';
import { base64url, exportSPKI, importJWK, SignJWT } from 'jose';
import { LocalHttpApi, type HttpApiEvent, type JwtAuthorizer } from '../../../local/http-api';
import { createSigningKey, keySetDocument, mintToken, tokenVerifier, type MintOptions, type SigningKey } from '../../../local/oidc';

/**
 * The JWT authorizer of the local HTTP API with real RS256 tokens from the local issuer's code,
 * verified by jose against the key set, over real HTTP on loopback. The function behind each
 * route echoes the authorizer context it was given.
 */
const ISSUER = 'http://127.0.0.1:4599/us-east-1_TestPool1';
const CLIENT = 'abcdefghijklmnopqrstuvwxyz';
const authorizer: JwtAuthorizer = { id: 'Authorizer', name: 'orderline-users', issuer: ISSUER, audiences: [CLIENT], identitySource: ['$request.header.Authorization'] };

describe('the JWT authorizer of the local HTTP API', () => {
  let key: SigningKey;
  let stranger: SigningKey;
  let url = '';
  let api: LocalHttpApi;
  const invoked: HttpApiEvent[] = [];

  const token = (options: Partial<MintOptions> = {}, signer?: SigningKey) => mintToken(signer ?? key, { sub: 'c-1', issuer: ISSUER, audience: CLIENT, ...options });
  const call = (path: string, authorization?: string) => fetch(`${url}${path}`, { headers: authorization === undefined ? {} : { authorization } });
  const jwtContext = async (res: Response) => ((await res.json()) as APIGatewayEventRequestContextJWTAuthorizer).jwt;

  /** A refusal as API Gateway gives it: 401, `{"message":"Unauthorized"}` as JSON, a challenge, and the function not invoked. */
  async function expectUnauthorized(res: Response, description?: RegExp): Promise<void> {
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
    const challenge = res.headers.get('www-authenticate') ?? '';
    if (description) {
      expect(challenge).toMatch(/^Bearer scope="" error="invalid_token" error_description="[^"]+"$/);
      expect(challenge).toMatch(description);
    } else {
      expect(challenge).toBe('Bearer');
    }
    expect(invoked).toHaveLength(0);
  }

  beforeAll(async () => {
    [key, stranger] = await Promise.all([createSigningKey(), createSigningKey()]);
    const echoAuthorizer = async (_fn: string, event: HttpApiEvent) => {
      invoked.push(event);
      const context = 'authorizer' in event.requestContext ? event.requestContext.authorizer : undefined;
      return { statusCode: 200, body: JSON.stringify(context ?? null) };
    };
    api = new LocalHttpApi(echoAuthorizer, () => undefined, { verifyToken: tokenVerifier(keySetDocument([key])) });
    api.setRoutes([
      { routeKey: 'GET /me', functionName: 'me', auth: { type: 'JWT', authorizer, scopes: [] } },
      { routeKey: 'GET /scoped', functionName: 'scoped', auth: { type: 'JWT', authorizer, scopes: ['orders/read', 'admin/all'] } },
      { routeKey: 'GET /health', functionName: 'health', auth: { type: 'NONE' } },
    ]);
    url = await api.listen(0);
  });
  afterAll(() => api.close());
  beforeEach(() => (invoked.length = 0));

  describe('lets through', () => {
    it('a valid ID token as `Bearer <jwt>`, giving the function its claims in API Gateway wire format', async () => {
      const res = await call('/me', `Bearer ${await token({ groups: ['admin'] })}`);
      expect(res.status).toBe(200);
      const jwt = await jwtContext(res);
      expect(jwt.claims).toMatchObject({ sub: 'c-1', iss: ISSUER, aud: CLIENT, token_use: 'id', 'cognito:username': 'c-1', 'cognito:groups': '[admin]' });
      expect(jwt.claims.exp).toMatch(/^\d+$/);
      expect(Number(jwt.claims.exp) - Number(jwt.claims.iat)).toBe(3600);
      expect(jwt.scopes).toBeNull();
      expect(invoked).toHaveLength(1);
    });

    it('a bare token, without the Bearer prefix, as API Gateway accepts', async () => {
      expect((await call('/me', await token())).status).toBe(200);
      expect((await call('/me', `bearer ${await token()}`)).status).toBe(200);
    });

    it('an access token, which has client_id and no aud', async () => {
      const res = await call('/me', `Bearer ${await token({ tokenUse: 'access', scope: 'aws.cognito.signin.user.admin' })}`);
      expect(res.status).toBe(200);
      const { claims } = await jwtContext(res);
      expect(claims).toMatchObject({ client_id: CLIENT, token_use: 'access', username: 'c-1' });
      expect(claims).not.toHaveProperty('aud');
    });

    it('a route without an authorizer, with no token at all', async () => {
      const res = await call('/health');
      expect(res.status).toBe(200);
      expect(await res.json()).toBeNull();
    });
  });

  describe('refuses with 401, invoking nothing', () => {
    it('a request without a token', async () => {
      await expectUnauthorized(await call('/me'));
      await expectUnauthorized(await call('/me', 'Bearer '));
    });

    it('an expired token', async () => {
      const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
      await expectUnauthorized(await call('/me', `Bearer ${await token({ now: twoHoursAgo })}`), /the token has expired/);
      // exp is the first second the token is no longer valid: no clock tolerance.
      await expectUnauthorized(await call('/me', `Bearer ${await token({ now: new Date(Date.now() - 5000), ttlSeconds: 1 })}`), /expired/);
    });

    it('a token not valid yet (nbf in the future), or issued in the future', async () => {
      const inAMinute = Math.floor(Date.now() / 1000) + 60;
      await expectUnauthorized(await call('/me', `Bearer ${await token({ claims: { nbf: inAMinute } })}`), /not valid yet/);
      await expectUnauthorized(await call('/me', `Bearer ${await token({ claims: { iat: inAMinute } })}`), /issued in the future/);
    });

    it('a token from another issuer', async () => {
      await expectUnauthorized(await call('/me', `Bearer ${await token({ issuer: 'http://127.0.0.1:4599/us-east-1_OtherPool' })}`), /valid issuer/);
      await expectUnauthorized(await call('/me', `Bearer ${await token({ issuer: `${ISSUER}/` })}`), /valid issuer/);
    });

    it("a token for another audience, with AWS's documented description", async () => {
      await expectUnauthorized(await call('/me', `Bearer ${await token({ audience: 'someoneelse' })}`), /error_description="the token does not have a valid audience"/);
      await expectUnauthorized(await call('/me', `Bearer ${await token({ tokenUse: 'access', audience: 'someoneelse' })}`), /valid audience/);
    });

    it('a token whose aud is wrong even though its client_id is right: aud decides when present', async () => {
      await expectUnauthorized(await call('/me', `Bearer ${await token({ audience: 'someoneelse', claims: { client_id: CLIENT } })}`), /valid audience/);
    });

    it('a token signed by another key, under our kid or its own', async () => {
      await expectUnauthorized(await call('/me', `Bearer ${await token({}, stranger)}`), /kid matches no key/);
      const impostor: SigningKey = { ...stranger, kid: key.kid };
      await expectUnauthorized(await call('/me', `Bearer ${await token({}, impostor)}`), /signature is invalid/);
    });

    it('an unsigned token (alg none) and one forged with HS256 using the public key as the secret', async () => {
      const payload = { sub: 'admin', 'cognito:groups': ['admin'], iss: ISSUER, aud: CLIENT, exp: Math.floor(Date.now() / 1000) + 600 };
      const encode = (part: object) => base64url.encode(JSON.stringify(part));
      const unsigned = `${encode({ alg: 'none', kid: key.kid, typ: 'JWT' })}.${encode(payload)}.`;
      await expectUnauthorized(await call('/me', `Bearer ${unsigned}`), /not signed with an RSA algorithm/);

      const publicKey = await importJWK(key.publicJwk, 'RS256', { extractable: true });
      if (publicKey instanceof Uint8Array) throw new Error('an RSA JWK imports as a key pair half');
      const publicPem = await exportSPKI(publicKey);
      const forged = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' }).sign(new TextEncoder().encode(publicPem));
      await expectUnauthorized(await call('/me', `Bearer ${forged}`), /not signed with an RSA algorithm/);
    });

    it('a token without a kid, and something that is not a JWT', async () => {
      const noKid = await new SignJWT({ sub: 'c-1', iss: ISSUER, aud: CLIENT, exp: Math.floor(Date.now() / 1000) + 600 }).setProtectedHeader({ alg: 'RS256' }).sign(key.privateKey);
      await expectUnauthorized(await call('/me', `Bearer ${noKid}`), /no kid/);
      await expectUnauthorized(await call('/me', 'Bearer not-a-jwt'), /not a valid JWT/);
    });
  });

  describe('hands the function the claims as API Gateway renders them', () => {
    it('every value a string: numbers and booleans as text, arrays bracketed and space-separated, objects as JSON, nulls left out', async () => {
      const res = await call('/me', `Bearer ${await token({ groups: ['admin', 'poweruser'], claims: { n: 42, ratio: 1.5, email_verified: true, tags: ['a', 1, false], address: { country: 'JP' }, nickname: null } })}`);
      const { claims } = await jwtContext(res);
      expect(claims).toMatchObject({
        'cognito:groups': '[admin poweruser]',
        n: '42',
        ratio: '1.5',
        email_verified: 'true',
        tags: '[a 1 false]',
        address: '{"country":"JP"}',
      });
      expect(claims).not.toHaveProperty('nickname');
      expect(Object.values(claims).every((value) => typeof value === 'string')).toBe(true);
    });
  });

  describe('route scopes', () => {
    it('let through a token with one of them, giving the function the token’s whole scope list', async () => {
      const res = await call('/scoped', `Bearer ${await token({ tokenUse: 'access', scope: 'profile orders/read' })}`);
      expect(res.status).toBe(200);
      expect((await jwtContext(res)).scopes).toEqual(['profile', 'orders/read']);
      const scp = await call('/scoped', `Bearer ${await token({ claims: { scp: ['admin/all'] } })}`);
      expect(scp.status).toBe(200);
    });

    it('refuse with 403 Forbidden a valid token with none of them (an ID token has no scope at all)', async () => {
      for (const options of [{}, { tokenUse: 'access' as const, scope: 'profile orders/write' }]) {
        const res = await call('/scoped', `Bearer ${await token(options)}`);
        expect(res.status).toBe(403);
        expect(res.headers.get('content-type')).toBe('application/json');
        expect(await res.json()).toEqual({ message: 'Forbidden' });
      }
      expect(invoked).toHaveLength(0);
    });

    it('are null on a route without scopes, even when the token has a scope claim', async () => {
      const res = await call('/me', `Bearer ${await token({ tokenUse: 'access', scope: 'orders/read' })}`);
      const jwt = await jwtContext(res);
      expect(jwt.scopes).toBeNull();
      expect(jwt.claims.scope).toBe('orders/read');
    });
  });
});
