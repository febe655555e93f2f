import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from '../edge/loopback-server';
import { GATEWAY_ANSWERS, send, sendGatewayAnswer, type GatewayAnswer } from './answers';
import { authorize } from './authorize';
import { isPreflight, preflightHeaders, responseCorsHeaders, withoutCorsHeaders, type CorsConfiguration } from './cors';
import { readBody, toEvent, toResponse, type HttpApiEvent } from './payload';
import type { TokenVerifier } from './route-auth';
import { MalformedPathError, RouteTable, type HttpRoute, type RouteMatch } from './routes';
import { TokenBucket } from './throttle';

/** An HTTP API waits at most 30 s for an integration (its quota), and that long when the template says nothing. */
const MAX_INTEGRATION_TIMEOUT_MS = 30_000;
/** What the race against the integration timeout ends with when the timeout wins (no function answer can be it). */
const TIMED_OUT = Symbol('integration timed out');

export type { CorsConfiguration } from './cors';
export type { HttpApiEvent } from './payload';
export type { JwtAuthorizer, RouteAuth, TokenVerdict, TokenVerifier } from './route-auth';
export type { HttpRoute } from './routes';
export type { ThrottleSettings } from './throttle';

/** What the local HTTP API needs besides its functions: a token verifier for JWT routes, and a clock. */
export type LocalHttpApiOptions = {
  /** Verifies bearer tokens on JWT routes (see `local/oidc`); required once such a route is set. */
  verifyToken?: TokenVerifier;
  /** The clock the throttles read, in milliseconds; injectable for tests. */
  now?: () => number;
  /**
   * Why API Gateway may not invoke the route's function (no resource-based permission), if it
   * may not: the request then gets API Gateway's 500, as in AWS.
   */
  refuseInvoke?: (route: HttpRoute) => string | undefined;
};

/**
 * Serves an API Gateway HTTP API locally: matches route keys as API Gateway does, throttles each
 * route with its token bucket, runs the route's JWT authorizer, builds payload format 2.0 events
 * and maps the function's answer back to HTTP. A refused request never reaches the function.
 * With a CORS configuration it answers preflights itself and adds the CORS headers to every
 * answer to an allowed origin, as API Gateway does.
 */
export class LocalHttpApi {
  private routes = new RouteTable([]);
  private buckets = new Map<HttpRoute, TokenBucket>();
  private cors: CorsConfiguration | undefined;
  private server: Server | undefined;
  private count = 0;

  /** Requests served so far (what API Gateway bills). */
  get requests(): number {
    return this.count;
  }

  constructor(
    /** `onStart` is called when the function starts running (an invocation may first wait for an environment). */
    private readonly invoke: (functionName: string, event: HttpApiEvent, onStart: () => void) => Promise<unknown>,
    private readonly log: (line: string) => void = () => undefined,
    private readonly options: LocalHttpApiOptions = {},
  ) {}

  /** Sets the routes to serve (they can be known only after the server has its URL) and the API's CORS configuration, if any; throttles start full. */
  setRoutes(routes: HttpRoute[], cors?: CorsConfiguration): void {
    const unverifiable = routes.find((route) => route.auth?.type === 'JWT' && !this.options.verifyToken);
    if (unverifiable) throw new Error(`route ${unverifiable.routeKey} has a JWT authorizer, and the local HTTP API was given no token verifier`);
    this.routes = new RouteTable(routes);
    this.cors = cors;
    this.buckets = new Map(routes.flatMap((route) => (route.throttle ? [[route, new TokenBucket(route.throttle, this.options.now)] as const] : [])));
  }

  /** Starts listening on loopback; port 0 picks a free one. Returns the base URL. */
  async listen(port: number): Promise<string> {
    const server = createServer((req, res) => {
      // Whatever goes wrong with one request is that request's 500, never the end of the server.
      this.handle(req, res).catch((error: Error) => {
        this.log(`${req.method} ${req.url} → 500: ${error.message}`);
        if (!res.headersSent) sendGatewayAnswer(res, GATEWAY_ANSWERS.internalError);
        else res.destroy();
      });
    });
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
    const refuse = (answer: GatewayAnswer, why: string, headers?: Record<string, string>) => {
      sendGatewayAnswer(res, answer, headers);
      this.log(`${method} ${url.pathname} → ${answer.status}: ${why}`);
    };
    // Every answer to an allowed origin carries the CORS headers, API Gateway's own answers too.
    const cors = this.cors;
    if (cors && !isPreflight(method, req.headers)) for (const [name, value] of Object.entries(responseCorsHeaders(cors, req.headers))) res.setHeader(name, value);
    let match: RouteMatch | undefined;
    try {
      match = this.routes.match(method, url.pathname);
    } catch (error) {
      if (error instanceof MalformedPathError) return refuse(GATEWAY_ANSWERS.badRequest, error.message);
      throw error;
    }
    const body = await readBody(req);
    if (body === undefined) return refuse(GATEWAY_ANSWERS.tooLarge, 'payload over 10 MB');
    if (!match) return refuse(GATEWAY_ANSWERS.notFound, 'no route');
    if (this.buckets.get(match.route)?.take() === false) return refuse(GATEWAY_ANSWERS.throttled, `route ${match.route.routeKey} throttled`);
    const authorization = await authorize(match.route.auth, req.headers, this.options.verifyToken);
    if (!authorization.allowed) return refuse(authorization.answer, authorization.reason, authorization.headers);
    // A preflight the route lets through is API Gateway's to answer; an origin not allowed gets no CORS headers.
    if (cors && isPreflight(method, req.headers)) {
      const headers = preflightHeaders(cors, req.headers);
      send(res, 204, headers, '');
      this.log(`${method} ${url.pathname} → 204: preflight from ${String(req.headers.origin)}${Object.keys(headers).length ? '' : ', an origin the CORS configuration does not allow'}`);
      return;
    }

    const refusal = this.options.refuseInvoke?.(match.route);
    if (refusal) return refuse(GATEWAY_ANSWERS.internalError, refusal);

    const event = toEvent(req, url, match, body, authorization.context);
    // API Gateway tells the client the request id it gave the function, as this header.
    res.setHeader('apigw-requestid', event.requestContext.requestId);
    const timeoutMs = match.route.timeoutMs ?? MAX_INTEGRATION_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    let startTimer = () => {};
    // API Gateway stops waiting at the integration's timeout (the function runs on, unheard),
    // counted from when the function starts: locally an invocation may first wait for a free
    // execution environment (AWS would have started one), and that wait is the laptop's.
    const timedOut = new Promise<typeof TIMED_OUT>((resolve) => (startTimer = () => (timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs))));
    try {
      const answer = await Promise.race([this.invoke(match.route.functionName, event, () => startTimer()), timedOut]);
      if (answer === TIMED_OUT) return refuse(GATEWAY_ANSWERS.unavailable, `${match.route.functionName} did not answer within the integration timeout of ${timeoutMs} ms`);
      const response = toResponse(answer);
      const headers = cors ? withoutCorsHeaders(response.headers ?? {}) : (response.headers ?? {});
      send(res, response.statusCode ?? 200, headers, response.body ?? '', response.isBase64Encoded, response.cookies);
      this.log(`${method} ${url.pathname} → ${response.statusCode ?? 200} (${Date.now() - started} ms)`);
    } catch (error) {
      // API Gateway hides function errors behind a bare 500; the function's log has the details.
      refuse(GATEWAY_ANSWERS.internalError, (error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }
}
