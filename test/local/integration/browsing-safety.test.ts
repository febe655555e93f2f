import { request } from 'node:http';
import { api } from '../../support/api';
import { describeLocal } from '../../support/local-only';
import { testEnv } from '../../support/test-env';

/** A raw request, so that the Host and Origin headers are the test's (fetch sets Host itself). */
function raw(url: string, options: { method: string; path: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method: options.method, path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * The local runtime while its user browses the web: a page of another site must not reach its
 * test hooks, its logs or its tables. (In AWS none of these endpoints exist.)
 */
describeLocal('the local runtime is safe to run while browsing', 'talks to the local runtime\'s own endpoints', () => {
  const fault = JSON.stringify({ kind: 'function', function: 'Health', error: { name: 'Error', message: 'injected by a web page' }, times: 5 });

  it('answers only to its own host names: a DNS-rebinding page under another name gets a 403, not the logs', async () => {
    const { edgeUrl } = testEnv();
    const port = new URL(edgeUrl!).port;
    const forged = await raw(edgeUrl!, { method: 'GET', path: '/_local/logs?orderId=x', headers: { host: `evil.example:${port}` } });
    expect(forged.status).toBe(403);
    expect(forged.body).toContain('evil.example');
    const console = await raw(edgeUrl!, { method: 'GET', path: '/_console', headers: { host: `rebound.example:${port}` } });
    expect(console.status).toBe(403);
    expect((await raw(edgeUrl!, { method: 'GET', path: '/_local/logs?orderId=x', headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('refuses a cross-site form post to a test hook, and a JSON one from a page of another origin, and injects nothing', async () => {
    const { edgeUrl } = testEnv();
    const host = new URL(edgeUrl!).host;
    // What an HTML form on another site sends: no preflight, text/plain or form-encoded.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const posted = await raw(edgeUrl!, { method: 'POST', path: '/_local/faults', headers: { host, origin: 'https://evil.example', 'content-type': type }, body: fault });
      expect([type, posted.status]).toEqual([type, 403]);
    }
    const fromPage = await raw(edgeUrl!, { method: 'POST', path: '/_local/faults', headers: { host, origin: 'https://evil.example', 'content-type': 'application/json' }, body: fault });
    expect(fromPage.status).toBe(403);
    const noType = await raw(edgeUrl!, { method: 'POST', path: '/_local/clock', headers: { host }, body: '{"advanceSeconds":1}' });
    expect(noType.status).toBe(403);
    // Nothing was injected: the function the faults named still answers.
    expect((await api('GET', '/health')).status).toBe(200);
  });

  it('starts DynamoDB Local with CORS off: a page of another origin gets no leave to call it', async () => {
    const { dynamodbEndpoint } = testEnv();
    const preflight = await raw(dynamodbEndpoint!, {
      method: 'OPTIONS',
      path: '/',
      headers: { host: new URL(dynamodbEndpoint!).host, origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const call = await raw(dynamodbEndpoint!, {
      method: 'POST',
      path: '/',
      headers: { host: new URL(dynamodbEndpoint!).host, origin: 'https://evil.example', 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables', authorization: 'AWS4-HMAC-SHA256 Credential=local/20261202/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x' },
      body: '{}',
    });
    expect(call.headers['access-control-allow-origin']).toBeUndefined();
  });
});
