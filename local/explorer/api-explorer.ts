import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PageHandler } from '../edge/edge';

/** swagger-ui-dist's files the page loads, served as they ship (a maintained renderer, no build of ours). */
const ASSETS: Record<string, string> = { 'swagger-ui.css': 'text/css; charset=utf-8', 'swagger-ui-bundle.js': 'text/javascript; charset=utf-8' };
const DIST = dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * The API explorer: Swagger UI rendering the OpenAPI document the running API serves
 * (`GET <api>/openapi.json`, the very function AWS runs), with the local API as its server.
 * `<base>/` is the page, `<base>/openapi.json` the document, the rest swagger-ui-dist's files.
 */
export function apiExplorer(links: { base: string; apiUrl: string }): PageHandler {
  const assets = new Map<string, string>();
  return async (pathAndQuery) => {
    const path = new URL(pathAndQuery, 'http://explorer').pathname.slice(links.base.length) || '/';
    if (path === '/') return { status: 200, contentType: 'text/html; charset=utf-8', body: page(links.base) };
    if (path === '/openapi.json') {
      const response = await fetch(`${links.apiUrl}/openapi.json`);
      if (!response.ok) return { status: 502, contentType: 'text/plain; charset=utf-8', body: `GET ${links.apiUrl}/openapi.json answered ${response.status}` };
      const document = (await response.json()) as Record<string, unknown>;
      return { status: 200, contentType: 'application/json', body: JSON.stringify({ ...document, servers: [{ url: links.apiUrl, description: 'the local runtime' }] }) };
    }
    const name = path.slice(1);
    const contentType = ASSETS[name];
    if (!contentType) return { status: 404, contentType: 'text/plain; charset=utf-8', body: `no explorer file at ${path}` };
    if (!assets.has(name)) assets.set(name, readFileSync(join(DIST, name), 'utf8'));
    return { status: 200, contentType, body: assets.get(name)! };
  };
}

function page(base: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Orderline API explorer</title>
<link rel="stylesheet" href="${base}/swagger-ui.css">
</head>
<body>
<div id="explorer"></div>
<script src="${base}/swagger-ui-bundle.js"></script>
<script>
  // Authorize with a token from the banner (or npm run token) to try the routes behind the JWT authorizer.
  window.ui = SwaggerUIBundle({ url: '${base}/openapi.json', dom_id: '#explorer', deepLinking: true, persistAuthorization: true });
</script>
</body>
</html>
`;
}
