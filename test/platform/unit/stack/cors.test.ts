import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthTemplates } from '../../../support/app';

const routesOf = (template: Template) =>
  Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties as { RouteKey: string; AuthorizationType: string });

describe('CORS on the HTTP API, from context corsOrigins', () => {
  it('has no CORS configuration and no preflight route by default (a deployment to AWS allows no web origin)', () => {
    const platform = synthTemplates().template('Platform');
    const [api] = Object.values(platform.findResources('AWS::ApiGatewayV2::Api'));
    expect(api?.Properties).not.toHaveProperty('CorsConfiguration');
    expect(routesOf(platform).map((r) => r.RouteKey)).not.toContain('OPTIONS /{proxy+}');
  });

  it('allows the origins given, the methods the routes use and the headers of the contract, and takes preflights on a route without the authorizer', () => {
    const app = synthTemplates({ corsOrigins: 'https://shop.example.com, http://localhost:5173' });
    const platform = app.template('Platform');
    platform.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: ['https://shop.example.com', 'http://localhost:5173'],
        AllowMethods: ['GET', 'POST', 'DELETE'],
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'prefer', 'x-correlation-id'],
        ExposeHeaders: ['etag', 'location', 'retry-after', 'preference-applied', 'x-correlation-id'],
        MaxAge: 600,
        AllowCredentials: Match.absent(),
      },
    });
    // A browser's preflight carries no token: the `$default` route's authorizer would refuse it.
    expect(routesOf(platform).find((r) => r.RouteKey === 'OPTIONS /{proxy+}')?.AuthorizationType).toBe('NONE');
    const open = app.templates.flatMap(routesOf).filter((r) => r.AuthorizationType !== 'JWT').map((r) => r.RouteKey);
    expect(open.sort()).toEqual(['GET /health', 'GET /health/ready', 'GET /openapi.json', 'OPTIONS /{proxy+}']);
  });

  it('refuses at synth what is not an origin', () => {
    expect(() => synthTemplates({ corsOrigins: 'https://shop.example.com/app' })).toThrow(/https:\/\/shop.example.com\/app is not an origin/);
    expect(() => synthTemplates({ corsOrigins: 'shop.example.com' })).toThrow(/not an origin/);
  });
});
