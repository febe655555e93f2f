import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
// The document is composed outside the platform (tools/openapi.ts, from every context's part) and
// committed; the platform serves it as data, bundled into this function, and names no context.
import document from '../../../openapi.json';

const body = JSON.stringify(document);

/** GET /openapi.json: the API's OpenAPI 3.1 document, without a token. */
export async function handler(): Promise<APIGatewayProxyStructuredResultV2> {
  return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' }, body };
}
