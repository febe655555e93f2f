import { Duration } from 'aws-cdk-lib';
import { CorsHttpMethod, type CorsPreflightOptions } from 'aws-cdk-lib/aws-apigatewayv2';
import { API_METHODS, BROWSER_HEADERS } from '../../functions/platform/contract/http-headers';

/** How long a browser may keep a preflight's answer before it asks again. */
const PREFLIGHT_MAX_AGE = Duration.minutes(10);

/**
 * The HTTP API's CORS configuration for pages on `origins` (exact origins, `scheme://host[:port]`):
 * API Gateway answers their preflights itself and adds the CORS headers to every answer to them.
 * The methods the routes use and the contract's headers (BROWSER_HEADERS) are allowed; no
 * credentials (cookies): callers send a bearer token, which is a header like any other.
 */
export function corsPreflight(origins: readonly string[]): CorsPreflightOptions {
  return {
    allowOrigins: [...origins],
    allowMethods: API_METHODS.map((method) => CorsHttpMethod[method]),
    allowHeaders: [...BROWSER_HEADERS.request],
    exposeHeaders: [...BROWSER_HEADERS.response],
    maxAge: PREFLIGHT_MAX_AGE,
  };
}

/**
 * Refuses what API Gateway would refuse at deployment, at synth instead: an origin is `*` or a
 * scheme, host and optional port, with no path (`https://app.example.com`, `http://localhost:5173`).
 */
export function checkedOrigins(origins: readonly string[]): string[] {
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin) throw new Error(`context corsOrigins: ${origin} is not an origin (scheme://host[:port], nothing after it), nor *`);
  }
  return [...origins];
}
