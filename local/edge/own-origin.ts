import type { IncomingHttpHeaders } from 'node:http';

/** The names the runtime answers to: its loopback address and localhost (it listens on loopback only). */
const OWN_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Why a request to the edge is refused, if it is: a `Host` not one of the runtime's own names (a
 * DNS-rebinding page reaching loopback under its own name), or, for a call that changes something
 * (a test hook: faults, the clock), an `Origin` other than the edge's own (a page of another site)
 * or a body not sent as `application/json` (a cross-site form post, which needs no preflight).
 */
export function foreignRequest(headers: IncomingHttpHeaders, method: string, port: number, changes: boolean): string | undefined {
  const host = String(headers.host ?? '');
  const own = OWN_HOSTS.map((name) => `${name}:${port}`);
  if (!own.includes(host)) return `the local runtime answers to ${own.join(', ')} only, not to the host "${host}"`;
  if (!changes) return undefined;
  const origin = headers.origin;
  if (origin !== undefined && !own.some((name) => origin === `http://${name}`)) return `a test hook is not for pages of ${origin}`;
  const type = String(headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (method === 'POST' && type !== 'application/json') return `a test hook takes application/json, not "${type || 'no content type'}"`;
  return undefined;
}
