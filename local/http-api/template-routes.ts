import type { TemplateResource } from '../template/cloud-assembly';
import { identityHeaders } from './authorize';
import type { JwtAuthorizer, RouteAuth } from './route-auth';
import type { HttpRoute } from './routes';
import type { ThrottleSettings } from './throttle';

/** What reading the HTTP API out of the template needs: the resources and how to resolve them. */
export type HttpApiTemplate = {
  resources: Record<string, TemplateResource>;
  /** A resource's properties with intrinsics resolved to local values. */
  props: (resource: TemplateResource, logicalId: string) => Record<string, unknown>;
  /** The local function an integration URI (a function ARN) invokes. */
  functionNameByArn: (arn: string) => string | undefined;
  /** The issuer tokens carry locally, for an issuer as the template resolves it (see `localIssuerOf`). */
  localIssuer?: (issuer: string) => string;
  /** Where the API runs, to name each route's execute-api ARN. */
  account?: { partition: string; region: string; accountId: string };
};

/** AWS's account-level defaults, for a throttle setting the stage leaves out. */
const ACCOUNT_THROTTLE: ThrottleSettings = { rateLimit: 10_000, burstLimit: 5_000 };

type RouteSettings = { ThrottlingRateLimit?: number; ThrottlingBurstLimit?: number };

/**
 * The routes of the template's HTTP API as the local API serves them: each with its function
 * (Lambda proxy integrations, payload 2.0), its authorization (`NONE` or a JWT authorizer with
 * the route's scopes) and its throttle (the stage's `RouteSettings` for its key, else its
 * `DefaultRouteSettings`, else none). Anything the runtime cannot enforce is an error here,
 * at startup, rather than a route served more openly than in AWS.
 */
export function readHttpApi(template: HttpApiTemplate): { routes: HttpRoute[]; authorizers: JwtAuthorizer[] } {
  const { resources, props } = template;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const authorizers = new Map(ofType('AWS::ApiGatewayV2::Authorizer').map(([id, r]) => [id, jwtAuthorizer(id, props(r, id), template.localIssuer)]));
  const stages = ofType('AWS::ApiGatewayV2::Stage').map(([id, r]) => props(r, id));
  const routes = ofType('AWS::ApiGatewayV2::Route').map(([id, r]): HttpRoute => {
    const route = props(r, id);
    const routeKey = String(route.RouteKey);
    const stage = stages.find((s) => s.ApiId === route.ApiId);
    const sourceArn = template.account && executeApiArn(template.account, String(route.ApiId), String(stage?.StageName ?? '$default'), routeKey);
    return {
      routeKey,
      functionName: integratedFunction(id, route, template),
      auth: routeAuth(id, route, authorizers),
      throttle: stage && throttleOf(stage, routeKey),
      ...(sourceArn ? { sourceArn } : {}),
    };
  });
  return { routes, authorizers: [...authorizers.values()] };
}

/**
 * The ARN API Gateway invokes a route's function for: `<api>/<stage>/<METHOD>/<path of the route
 * key>` (`…/$default/GET/orders/{id}`), or `<api>/<stage>/$default` for the default route.
 */
function executeApiArn(account: { partition: string; region: string; accountId: string }, apiId: string, stage: string, routeKey: string): string {
  const [method = '', path = ''] = routeKey === '$default' ? ['$default', ''] : routeKey.split(' ');
  const resource = [apiId, stage, method, ...(path ? [path.replace(/^\//, '')] : [])].join('/');
  return `arn:${account.partition}:execute-api:${account.region}:${account.accountId}:${resource}`;
}

function integratedFunction(id: string, route: Record<string, unknown>, { resources, props, functionNameByArn }: HttpApiTemplate): string {
  const integrationId = String(route.Target ?? '').replace(/^integrations\//, '');
  const integration = resources[integrationId];
  if (!integration) throw new Error(`${id}: route ${String(route.RouteKey)} has no integration`);
  const ip = props(integration, integrationId);
  if (ip.IntegrationType !== 'AWS_PROXY' || ip.PayloadFormatVersion !== '2.0') {
    throw new Error(`${integrationId}: the local runtime serves Lambda proxy integrations with payload format 2.0 only`);
  }
  const functionName = functionNameByArn(String(ip.IntegrationUri));
  if (!functionName) throw new Error(`${integrationId}: integration target ${String(ip.IntegrationUri)} is not a function of this stack`);
  return functionName;
}

function jwtAuthorizer(id: string, p: Record<string, unknown>, localIssuer: (issuer: string) => string = (issuer) => issuer): JwtAuthorizer {
  if (p.AuthorizerType !== 'JWT') throw new Error(`${id}: the local runtime runs JWT authorizers only, not ${String(p.AuthorizerType)}`);
  const config = (p.JwtConfiguration ?? {}) as { Issuer?: unknown; Audience?: unknown };
  if (typeof config.Issuer !== 'string' || !Array.isArray(config.Audience) || !config.Audience.length) {
    throw new Error(`${id}: a JWT authorizer needs JwtConfiguration.Issuer and at least one JwtConfiguration.Audience`);
  }
  const identitySource = (Array.isArray(p.IdentitySource) ? p.IdentitySource : [p.IdentitySource ?? '$request.header.Authorization']).map(String);
  identityHeaders(identitySource);
  return { id, name: String(p.Name ?? id), issuer: localIssuer(config.Issuer), audiences: config.Audience.map(String), identitySource };
}

function routeAuth(id: string, route: Record<string, unknown>, authorizers: Map<string, JwtAuthorizer>): RouteAuth {
  const type = route.AuthorizationType ?? 'NONE';
  if (type === 'NONE') return { type: 'NONE' };
  if (type !== 'JWT') throw new Error(`${id}: route ${String(route.RouteKey)} uses ${String(type)} authorization; the local runtime enforces JWT authorizers only`);
  const authorizer = authorizers.get(String(route.AuthorizerId));
  if (!authorizer) throw new Error(`${id}: route ${String(route.RouteKey)} names authorizer ${String(route.AuthorizerId)}, which is not a JWT authorizer of this stack`);
  const scopes = Array.isArray(route.AuthorizationScopes) ? route.AuthorizationScopes.map(String) : [];
  return { type: 'JWT', authorizer, scopes };
}

/** A route's throttle: its own settings over the stage's defaults, field by field; none if neither sets anything. */
function throttleOf(stage: Record<string, unknown>, routeKey: string): ThrottleSettings | undefined {
  const defaults = (stage.DefaultRouteSettings ?? {}) as RouteSettings;
  const own = ((stage.RouteSettings ?? {}) as Record<string, RouteSettings>)[routeKey] ?? {};
  const rateLimit = own.ThrottlingRateLimit ?? defaults.ThrottlingRateLimit;
  const burstLimit = own.ThrottlingBurstLimit ?? defaults.ThrottlingBurstLimit;
  if (rateLimit === undefined && burstLimit === undefined) return undefined;
  return { rateLimit: Number(rateLimit ?? ACCOUNT_THROTTLE.rateLimit), burstLimit: Number(burstLimit ?? ACCOUNT_THROTTLE.burstLimit) };
}
