import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** One route of an HTTP API: its route key and the function its integration invokes. */
export type HttpRoute = { routeKey: string; functionName: string };

type CompiledRoute = HttpRoute & { method: string; segments: string[] | undefined };

/** API Gateway's own limit on a request payload. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const TEXT_TYPES = /^(text\/|application\/([a-z.+-]*\+)?(json|xml|x-www-form-urlencoded|javascript))/i;

/**
 * Serves an API Gateway HTTP API locally: matches route keys as API Gateway does (literal
 * segments before parameters, greedy `{proxy+}` last, `$default` as the fallback), builds payload
 * format 2.0 events and maps the function's answer back to HTTP.
 */
export class LocalHttpApi {
  private routes: CompiledRoute[] = [];
  private server: Server | undefined;
  private count = 0;

  /** Requests served so far (what API Gateway bills). */
  get requests(): number {
    return this.count;
  }

  constructor(
    private readonly invoke: (functionName: string, event: APIGatewayProxyEventV2) => Promise<unknown>,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** Sets the routes to serve (they can be known only after the server has its URL). */
  setRoutes(routes: HttpRoute[]): void {
    this.routes = routes.map(compile).sort(bySpecificity);
  }

  /** Starts listening on loopback; port 0 picks a free one. Returns the base URL. */
  async listen(port: number): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    return listenOnLoopback(server, port);
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    this.count += 1;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const match = this.match(method, url.pathname);
    const body = await readBody(req);
    if (body === undefined) return send(res, 413, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Request Entity Too Large' }));
    if (!match) return send(res, 404, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Not Found' }));
    const event = toEvent(req, url, match, body);
    // API Gateway tells the client the request id it gave the function, as this header.
    res.setHeader('apigw-requestid', event.requestContext.requestId);
    try {
      const result = await this.invoke(match.route.functionName, event);
      const response = toResponse(result);
      send(res, response.statusCode ?? 200, response.headers ?? {}, response.body ?? '', response.isBase64Encoded, response.cookies);
      this.log(`${method} ${url.pathname} → ${response.statusCode ?? 200} (${Date.now() - started} ms)`);
    } catch (error) {
      // API Gateway hides function errors behind a bare 500; the function's log has the details.
      this.log(`${method} ${url.pathname} → 500: ${(error as Error).message}`);
      send(res, 500, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Internal Server Error' }));
    }
  }

  private match(method: string, path: string): { route: CompiledRoute; pathParameters?: Record<string, string> } | undefined {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    for (const route of this.routes) {
      if (!route.segments || (route.method !== 'ANY' && route.method !== method)) continue;
      const pathParameters = matchSegments(route.segments, parts);
      if (pathParameters) return { route, pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined };
    }
    const fallback = this.routes.find((route) => route.routeKey === '$default');
    return fallback ? { route: fallback } : undefined;
  }
}

function compile(route: HttpRoute): CompiledRoute {
  if (route.routeKey === '$default') return { ...route, method: 'ANY', segments: undefined };
  const [method = '', path = ''] = route.routeKey.split(' ');
  return { ...route, method, segments: path.split('/').filter(Boolean) };
}

/** More literal segments first, then fewer parameters; a greedy parameter matches last. */
function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const score = (r: CompiledRoute) => {
    const segments = r.segments ?? [];
    const greedy = segments.some((s) => s.endsWith('+}')) ? 1 : 0;
    return [greedy, -segments.filter((s) => !s.startsWith('{')).length, -segments.length];
  };
  const [x, y] = [score(a), score(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (segment.startsWith('{') && segment.endsWith('+}')) {
      if (i >= parts.length) return undefined;
      parameters[segment.slice(1, -2)] = parts.slice(i).join('/');
      return parameters;
    }
    const part = parts[i];
    if (part === undefined || part === '') return undefined;
    if (segment.startsWith('{')) parameters[segment.slice(1, -1)] = part;
    else if (segment !== part) return undefined;
  }
  return parts.length === segments.length ? parameters : undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  match: { route: CompiledRoute; pathParameters?: Record<string, string> },
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const isText = body.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? '');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: req.headers.cookie?.split(';').map((c) => c.trim()),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: match.pathParameters,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method: req.method ?? 'GET', path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: match.route.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: body.length ? body.toString(isText ? 'utf8' : 'base64') : undefined,
    isBase64Encoded: !isText,
  };
}

/** Payload 2.0 response rules: a result with statusCode is taken as is, anything else is 200 JSON. */
function toResponse(result: unknown): APIGatewayProxyStructuredResultV2 {
  if (result && typeof result === 'object' && 'statusCode' in result) return result as APIGatewayProxyStructuredResultV2;
  if (typeof result === 'string') return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: result };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: result === undefined ? '' : JSON.stringify(result) };
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number | boolean>,
  body: string,
  isBase64Encoded = false,
  cookies?: string[],
): void {
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, String(value));
  if (cookies?.length) res.setHeader('set-cookie', cookies);
  res.end(isBase64Encoded ? Buffer.from(body, 'base64') : body);
}
