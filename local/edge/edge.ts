import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { CallGuard } from './call-guard';
import { closeServer, listenOnLoopback } from './loopback-server';
import { foreignRequest } from './own-origin';

/** An AWS JSON-protocol operation: the target's service prefix, the action and the parsed body. */
export type AwsJsonHandler = (action: string, body: unknown) => Promise<{ status: number; body: unknown }>;

/** A local-only endpoint under `/_local/` (test hooks), by path, given the method and the parsed body (a GET: its query parameters). */
export type LocalHook = (method: string, body: unknown) => Promise<{ status: number; body: unknown }>;

/** `text`: a page served as it is (not JSON). */
type Answer = { status: number; body: unknown; contentType?: string; text?: string };

/** Pages served under a path prefix (the saga console), given the request's path and query, and for a page's call (`<prefix>/api/…`) its method, Authorization and body. */
export type PageHandler = (pathAndQuery: string, request?: { method: string; authorization?: string; body?: string }) => Promise<{ status: number; contentType: string; body: string }>;

/**
 * One endpoint for the AWS services the local runtime emulates, in the LocalStack style: SDK
 * clients reach it through `AWS_ENDPOINT_URL`, and calls are routed by their `X-Amz-Target`
 * (e.g. `AWSStepFunctions.StartExecution`), so handler code has no local special case. It also
 * serves plain JSON documents by path, as the local OIDC issuer's discovery document and key set.
 */
export class LocalEdge {
  private server: Server | undefined;
  private port = 0;
  private readonly documents = new Map<string, unknown>();
  private guard: CallGuard | undefined;
  private readonly pages = new Map<string, PageHandler>();

  constructor(
    private readonly services: Record<string, AwsJsonHandler>,
    private readonly hooks: Record<string, LocalHook> = {},
  ) {}

  /** Sets what checks each service call before its handler runs (the local IAM). */
  setGuard(guard: CallGuard): void {
    this.guard = guard;
  }

  /** Serves `body` as JSON to a GET of `path` (e.g. `/us-east-1_AbC/.well-known/jwks.json`). */
  serveDocument(path: string, body: unknown): void {
    this.documents.set(path, body);
  }

  /** Serves the pages under `prefix` (e.g. `/_console`) with `handler`. */
  servePages(prefix: string, handler: PageHandler): void {
    this.pages.set(prefix, handler);
  }

  async listen(port: number): Promise<string> {
    const server = createServer((req, res) => {
      this.answer(req)
        .catch((error: Error): Answer => ({ status: 500, body: { __type: 'InternalFailure', message: error.message } }))
        .then(({ status, body, contentType, text }) => {
          res.writeHead(status, { 'content-type': contentType ?? 'application/x-amz-json-1.0' });
          res.end(text ?? JSON.stringify(body));
        });
    });
    this.server = server;
    const url = await listenOnLoopback(server, port);
    this.port = Number(new URL(url).port);
    return url;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private async answer(req: IncomingMessage): Promise<Answer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const parse = () => (chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown) : {});
    const target = String(req.headers['x-amz-target'] ?? '');
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = req.method ?? 'GET';
    const pages = [...this.pages.entries()].find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));
    // A page's call to the API through its server changes things too: it must come from the runtime's own pages.
    const pageCall = pages !== undefined && path.startsWith(`${pages[0]}/api/`);
    const refused = foreignRequest(req.headers, method, this.port, (path.startsWith('/_local/') || pageCall) && method !== 'GET');
    if (refused) return { status: 403, body: { message: refused } };
    if (pages && (req.method === 'GET' || pageCall)) {
      const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
      const page = await pages[1](req.url ?? '/', { method, authorization, body: chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined });
      return { status: page.status, body: undefined, contentType: page.contentType, text: page.body };
    }
    const hook = path.startsWith('/_local/') ? this.hooks[path.slice('/_local/'.length)] : undefined;
    if (hook) {
      try {
        // A GET hook takes its parameters from the query string.
        const query = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
        return await hook(req.method ?? 'GET', req.method === 'GET' ? query : parse());
      } catch (error) {
        return { status: 400, body: { message: (error as Error).message } };
      }
    }
    if (!target && req.method === 'GET' && this.documents.has(path)) {
      return { status: 200, body: this.documents.get(path), contentType: 'application/json' };
    }
    const [service = '', action = ''] = target.split('.');
    const handler = this.services[service];
    if (!handler) return { status: 400, body: { __type: 'UnknownOperationException', message: `the local runtime does not emulate "${target || req.url}"` } };
    try {
      const body = parse();
      return this.guard?.(req.headers, body, req.url) ?? (await handler(action, body));
    } catch (error) {
      return { status: 500, body: { __type: 'InternalFailure', message: (error as Error).message } };
    }
  }
}
