import { openApiDocument, type OpenApiDocument } from '../../functions/platform/http/openapi/document';
import { PLATFORM_OPERATIONS } from '../../functions/platform/http/openapi/platform-operations';
import packageJson from '../../package.json';
import { contextOperations } from '../contexts';

/**
 * The whole API's OpenAPI 3.1 document, as `npm run openapi` writes it and `GET /openapi.json`
 * serves it: the platform's operations and each context's part, found as the operator tools find
 * the contexts (their `lib/<context>/operations.ts`), so it names no context.
 */
export async function apiDocument(): Promise<OpenApiDocument> {
  const parts = (await contextOperations()).map((context) => context.api);
  return openApiDocument(
    {
      title: 'Orderline API',
      version: packageJson.version,
      description:
        'Event-sourced orders and a bank on AWS serverless. Every error a function answers is `application/problem+json` (RFC 9457); API Gateway answers its own 401, 429 and 503 as `{"message"}`. Money is integer minor units with an ISO 4217 currency. See README.md.',
    },
    [...PLATFORM_OPERATIONS, ...parts.flatMap((part) => part.operations)],
    Object.assign({}, ...parts.map((part) => part.schemas)),
  );
}

/** The document as the file holds it: two-space JSON and a final newline. */
export const documentText = (document: OpenApiDocument): string => `${JSON.stringify(document, null, 2)}\n`;
