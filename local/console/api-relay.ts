import type { ConsolePage } from './saga-console';

/** A request a console page sends to its own server, for the API. */
export type RelayedRequest = { method: string; authorization?: string; body?: string };

/** The API routes a console page may reach through its server: the inbox's, and nothing else. */
const RELAYED = /^\/inbox(\/(dl|comp)-[A-Za-z0-9-]{1,120}(\/(retry|resolve))?)?(\?[\w=&%.-]*)?$/;

/**
 * Relays a console page's call to the HTTP API (`<base>/api/inbox…` → `<apiUrl>/inbox…`), with
 * the page's own `Authorization`: the page and the API then need no CORS between them (the
 * console's origin is never one the API has to allow), and the console holds no token of its own.
 */
export async function relayToApi(apiUrl: string | undefined, pathAndQuery: string, request: RelayedRequest): Promise<ConsolePage> {
  const answer = (status: number, detail: string): ConsolePage => ({ status, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Console', status, detail }) });
  if (!apiUrl) return answer(503, 'the console was started without the API URL (npm run console -- --aws --api-url <ApiUrl>)');
  if (!RELAYED.test(pathAndQuery) || !['GET', 'POST'].includes(request.method)) return answer(404, `the console relays the inbox routes only, not ${request.method} ${pathAndQuery}`);
  try {
    const response = await fetch(`${apiUrl.replace(/\/$/, '')}${pathAndQuery}`, {
      method: request.method,
      headers: { ...(request.authorization ? { authorization: request.authorization } : {}), ...(request.body ? { 'content-type': 'application/json' } : {}) },
      body: request.method === 'POST' && request.body ? request.body : undefined,
    });
    return { status: response.status, contentType: response.headers.get('content-type') ?? 'application/json', body: await response.text() };
  } catch (error) {
    // The API is unreachable: the page says so, and the console's server goes on.
    return answer(502, `the API at ${apiUrl} did not answer: ${(error as Error).message}`);
  }
}
