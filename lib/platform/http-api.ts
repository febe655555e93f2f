import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpAuthorizer, HttpAuthorizerType, HttpMethod, HttpNoneAuthorizer, LogGroupLogDestination, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acceptFinding } from './accepted-findings';
import { corsPreflight } from './cors';
import { HandlerFunction } from './handler-function';
import type { Identity } from './identity';

/** Stage throttling (per route, across callers): steady requests per second and burst. */
export type Throttle = { rateLimit: number; burstLimit: number };

/** Enough for a busy shop, low enough that a flood is refused at the edge, not in the tables. */
export const DEFAULT_THROTTLE: Throttle = { rateLimit: 500, burstLimit: 1000 };

export type HttpApiProps = {
  identity: Identity;
  throttle: Throttle;
  /** The web origins whose pages may call the API: API Gateway answers their preflights and adds the CORS headers. None when not given. */
  corsOrigins?: readonly string[];
};

/** What answers a request that matches no route: a problem, like every other error. */
const NO_ROUTE = { id: 'NoRoute', entry: 'platform/queries/no-route.ts', description: '$default: 404 problem for unknown routes' };
/** The one route without a token: liveness for load balancers and people. */
const HEALTH = { id: 'Health', entry: 'platform/queries/health.ts', description: 'GET /health: the API answers' };
/** The other: the OpenAPI document (openapi.json, bundled), for client generators and explorers. */
const API_DOCUMENT = { id: 'OpenApiDocument', entry: 'platform/queries/openapi-document.ts', description: 'GET /openapi.json: the OpenAPI 3.1 document of the API' };

/**
 * The shared HTTP API (API Gateway HTTP API, payload format 2.0): its JWT authorizer (which every
 * route but `/health` names: API Gateway answers 401 itself without a good token), its stage
 * (throttled and access-logged), the `$default` route's 404 problem, `GET /health` and
 * `GET /openapi.json` (the two without a token), and CORS for the origins given (with the
 * `OPTIONS /{proxy+}` route preflights need). Each
 * context adds its own routes from its own stack (see contextRoutes); the platform adds none of
 * theirs.
 */
export class PlatformHttpApi extends Construct {
  readonly api: HttpApi;
  /** The JWT authorizer's id: created here once, with the `$default` route; contexts import it by id. */
  readonly authorizerId: string;
  /** The same authorizer as another route of this stack names it. */
  readonly routeAuthorizer: IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const noRoute = new HandlerFunction(this, NO_ROUTE.id, { entry: NO_ROUTE.entry, description: NO_ROUTE.description });
    // The default authorizer guards the `$default` route too: without a good token an unknown
    // route is a 401, as every other; with one, a 404 problem.
    const jwt = new HttpJwtAuthorizer('Jwt', props.identity.issuer, { jwtAudience: props.identity.audience });
    this.api = new HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Orderline commands and queries',
      defaultIntegration: new HttpLambdaIntegration('NoRouteIntegration', noRoute),
      defaultAuthorizer: jwt,
      createDefaultStage: false,
      ...(props.corsOrigins ? { corsPreflight: corsPreflight(props.corsOrigins) } : {}),
    });
    // The `$default` route catches an OPTIONS request no route names, and its JWT authorizer would
    // refuse a preflight (a browser sends no token with it): this route, without an authorizer,
    // takes them, and API Gateway answers each preflight itself from the CORS configuration (its
    // function answers only an OPTIONS that is not a preflight: a 404 problem).
    if (props.corsOrigins) {
      const [preflight] = this.api.addRoutes({ path: '/{proxy+}', methods: [HttpMethod.OPTIONS], integration: new HttpLambdaIntegration('PreflightIntegration', noRoute), authorizer: new HttpNoneAuthorizer() });
      if (preflight) acceptFinding(preflight, 'corsPreflight');
    }
    // Bound (and so created) with the `$default` route above.
    this.authorizerId = jwt.authorizerId;
    this.routeAuthorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'JwtOfRoutes', { authorizerId: this.authorizerId, authorizerType: HttpAuthorizerType.JWT });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    // No X-Ray tracing here: API Gateway traces REST APIs only, and an HTTP API stage has no such
    // setting. A request's trace starts at its function (active tracing, lib/platform/handler-function.ts).
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Who called what and how it went; never a header, a body or a token.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            caller: '$context.authorizer.claims.sub',
            routeKey: '$context.routeKey',
            status: '$context.status',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
            latencyMs: '$context.responseLatency',
            time: '$context.requestTime',
          }),
        ),
      },
    });

    const health = new HandlerFunction(this, HEALTH.id, { entry: HEALTH.entry, description: HEALTH.description });
    for (const route of this.api.addRoutes({ path: '/health', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration(`${HEALTH.id}Integration`, health), authorizer: new HttpNoneAuthorizer() })) {
      acceptFinding(route, 'publicHealthCheck');
    }
    const apiDocument = new HandlerFunction(this, API_DOCUMENT.id, { entry: API_DOCUMENT.entry, description: API_DOCUMENT.description });
    for (const route of this.api.addRoutes({ path: '/openapi.json', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration(`${API_DOCUMENT.id}Integration`, apiDocument), authorizer: new HttpNoneAuthorizer() })) {
      acceptFinding(route, 'publicApiDocument');
    }
    new CfnOutput(scope, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(scope, 'JwtIssuer', { value: props.identity.issuer });
  }
}
