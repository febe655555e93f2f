import type { StackResource } from '../template/stack-resource';
import { identityHeaders } from './authorize';
import { corsConfigurationOf, type CorsConfiguration } from './cors';
import type { JwtAuthorizer, RouteAuth } from './route-auth';
import type { HttpRoute } from './routes';
import type { ThrottleSettings } from './throttle';

/** What reading the HTTP API out of the assembly needs: every stack's resources and how to resolve them. */
export type HttpApiTemplate = {
  resources: readonly StackResource[];
  /** A resource's properties with intrinsics resolved to local values (in its own stack). */
  props: (r: StackResource) => Record<string, unknown>;
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
 * The routes of the assembly's HTTP API as the local API serves them: each with its function
 * (Lambda proxy integrations, payload 2.0), its authorization (`NONE` or a JWT authorizer with
 * the route's scopes) and its throttle (the stage's `RouteSettings` for its key, else its
 * `DefaultRouteSettings`, else none). A route may be in another stack than its API, stage and
 * authorizer (a context's route on the platform's API): the API, authorizer and integration a
 * route names are found by their physical ids, which are unique in the assembly. Anything the
 * runtime cannot enforce is an error here, at startup, rather than a route served more openly
 * than in AWS. The API's `CorsConfiguration`, if it has one, comes with them.
 */
export function readHttpApi(template: HttpApiTemplate): { routes: HttpRoute[]; authorizers: JwtAuthorizer[]; cors?: CorsConfiguration } {
  const { resources, props } = template;
  const ofType = (type: string) => resources.filter((r) => r.resource.Type === type);
  const byPhysicalId = (type: string) => new Map(ofType(type).map((r) => [r.physical?.ref ?? r.logicalId, r]));
  const apis = ofType('AWS::ApiGatewayV2::Api');
  // The runtime serves one API at one URL: a second one would have its routes served on the first's.
  if (apis.length > 1) throw new Error(`the local runtime serves one HTTP API; the assembly has ${apis.length}: ${apis.map((a) => a.key).join(', ')}`);
  const apiIds = new Set(apis.map((a) => a.physical?.ref));
  const authorizers = new Map(ofType('AWS::ApiGatewayV2::Authorizer').map((r) => [r.physical?.ref ?? r.logicalId, jwtAuthorizer(r, props(r), template.localIssuer)]));
  const integrations = byPhysicalId('AWS::ApiGatewayV2::Integration');
  const stages = ofType('AWS::ApiGatewayV2::Stage').map((r) => props(r));
  const seen = new Map<string, string>();
  const routes = ofType('AWS::ApiGatewayV2::Route').map((r): HttpRoute => {
    const route = props(r);
    const routeKey = String(route.RouteKey);
    const apiId = String(route.ApiId);
    if (!apiIds.has(apiId)) throw new Error(`${r.key}: route ${routeKey} is on API ${apiId}, which no stack of the assembly defines`);
    const twin = seen.get(routeKey);
    if (twin) throw new Error(`${r.key}: route ${routeKey} is already defined by ${twin}; API Gateway refuses a route key twice`);
    seen.set(routeKey, r.key);
    const stage = stages.find((s) => s.ApiId === route.ApiId);
    const sourceArn = template.account && executeApiArn(template.account, apiId, String(stage?.StageName ?? '$default'), routeKey);
    return {
      routeKey,
      ...integratedFunction(r, route, integrations, template),
      auth: routeAuth(r, route, authorizers),
      throttle: stage && throttleOf(stage, routeKey),
      ...(sourceArn ? { sourceArn } : {}),
    };
  });
  const cors = apis[0] && corsConfigurationOf(props(apis[0]));
  return { routes, authorizers: [...authorizers.values()], ...(cors ? { cors } : {}) };
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

/** The function a route's integration invokes, and how long API Gateway waits for it (when the integration says). */
function integratedFunction(r: StackResource, route: Record<string, unknown>, integrations: Map<string, StackResource>, { props, functionNameByArn }: HttpApiTemplate): { functionName: string; timeoutMs?: number } {
  const integrationId = String(route.Target ?? '').replace(/^integrations\//, '');
  const integration = integrations.get(integrationId);
  if (!integration) throw new Error(`${r.key}: route ${String(route.RouteKey)} has no integration`);
  const ip = props(integration);
  if (ip.IntegrationType !== 'AWS_PROXY' || ip.PayloadFormatVersion !== '2.0') {
    throw new Error(`${integration.key}: the local runtime serves Lambda proxy integrations with payload format 2.0 only`);
  }
  const functionName = functionNameByArn(String(ip.IntegrationUri));
  if (!functionName) throw new Error(`${integration.key}: integration target ${String(ip.IntegrationUri)} is not a function of the assembly`);
  return { functionName, ...(ip.TimeoutInMillis === undefined ? {} : { timeoutMs: Number(ip.TimeoutInMillis) }) };
}

function jwtAuthorizer(r: StackResource, p: Record<string, unknown>, localIssuer: (issuer: string) => string = (issuer) => issuer): JwtAuthorizer {
  if (p.AuthorizerType !== 'JWT') throw new Error(`${r.key}: the local runtime runs JWT authorizers only, not ${String(p.AuthorizerType)}`);
  const config = (p.JwtConfiguration ?? {}) as { Issuer?: unknown; Audience?: unknown };
  if (typeof config.Issuer !== 'string' || !Array.isArray(config.Audience) || !config.Audience.length) {
    throw new Error(`${r.key}: a JWT authorizer needs JwtConfiguration.Issuer and at least one JwtConfiguration.Audience`);
  }
  const identitySource = (Array.isArray(p.IdentitySource) ? p.IdentitySource : [p.IdentitySource ?? '$request.header.Authorization']).map(String);
  identityHeaders(identitySource);
  const id = r.physical?.ref ?? r.logicalId;
  return { id, name: String(p.Name ?? r.logicalId), issuer: localIssuer(config.Issuer), audiences: config.Audience.map(String), identitySource };
}

function routeAuth(r: StackResource, route: Record<string, unknown>, authorizers: Map<string, JwtAuthorizer>): RouteAuth {
  const type = route.AuthorizationType ?? 'NONE';
  if (type === 'NONE') return { type: 'NONE' };
  if (type !== 'JWT') throw new Error(`${r.key}: route ${String(route.RouteKey)} uses ${String(type)} authorization; the local runtime enforces JWT authorizers only`);
  const authorizer = authorizers.get(String(route.AuthorizerId));
  if (!authorizer) throw new Error(`${r.key}: route ${String(route.RouteKey)} names authorizer ${String(route.AuthorizerId)}, which is not a JWT authorizer of the assembly`);
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
