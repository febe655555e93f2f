import type { IncomingHttpHeaders } from 'node:http';

/**
 * Looks at an AWS JSON-protocol call before it is served (its headers, parsed body and URL) and
 * answers it instead — with the service's error, say — or returns undefined to let it through.
 * The local IAM is one (see `local/iam`).
 */
export type CallGuard = (headers: IncomingHttpHeaders, body: unknown, url?: string) => { status: number; body: unknown } | undefined;
