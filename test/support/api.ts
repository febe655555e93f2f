import { bearer, CUSTOMER, ADMIN, type TestCaller } from './callers';
import { contract } from './contract';
import { testEnv } from './test-env';

export type ApiResponse<Body = any> = { status: number; headers: Headers; body: Body };
type Call = <Body = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse<Body>>;

/**
 * Calls the HTTP API of the system under test as `caller` (or with no token at all), with a JSON
 * body (if any), and parses the answer, which must conform to the OpenAPI document (test/support/contract.ts):
 * a response the document does not allow fails the test. An `authorization` header given by the test wins.
 */
export function as(caller: TestCaller | 'anonymous'): Call {
  return async (method, path, body, headers = {}) => {
    const { apiUrl } = testEnv();
    if (!apiUrl) throw new Error('no API URL: the test run did not start the local system');
    const authorization: Record<string, string> = caller === 'anonymous' || 'authorization' in headers ? {} : { authorization: await bearer(caller) };
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { ...authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers } as Record<string, string>,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    // Every answer the suites see must be one the OpenAPI document allows (status, content type, body).
    (await contract()).check(method, path, { status: response.status, contentType: response.headers.get('content-type'), body: parsed });
    return { status: response.status, headers: response.headers, body: parsed };
  };
}

/** Calls the API as the suites' customer, `c-1`. */
export const api: Call = as(CUSTOMER);
/** Calls the API as an admin. */
export const asAdmin: Call = as(ADMIN);
