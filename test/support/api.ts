import { testEnv } from './test-env';

export type ApiResponse<Body = any> = { status: number; headers: Headers; body: Body };

/** Calls the HTTP API of the system under test with a JSON body (if any) and parses the answer. */
export async function api<Body = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<Body>> {
  const { apiUrl } = testEnv();
  if (!apiUrl) throw new Error('no API URL: the test run did not start the local system');
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
