import { BANK_OPERATIONS, BANK_SCHEMAS } from '../../functions/bank/http/openapi';
import { ORDERS_OPERATIONS, ORDERS_SCHEMAS } from '../../functions/orders/http/openapi';
import { openApiDocument, type OpenApiDocument } from '../../functions/platform/http/openapi/document';
import { PLATFORM_OPERATIONS } from '../../functions/platform/http/openapi/platform-operations';
import packageJson from '../../package.json';

/** Every operation of the API: the platform's and each context's own part (the one place that names them all). */
export const API_OPERATIONS = [...PLATFORM_OPERATIONS, ...ORDERS_OPERATIONS, ...BANK_OPERATIONS];

/** The whole API's OpenAPI 3.1 document, as `npm run openapi` writes it and `GET /openapi.json` serves it. */
export function apiDocument(): OpenApiDocument {
  return openApiDocument(
    {
      title: 'Orderline API',
      version: packageJson.version,
      description:
        'Event-sourced orders and a bank on AWS serverless. Every error a function answers is `application/problem+json` (RFC 9457); API Gateway answers its own 401, 429 and 503 as `{"message"}`. Money is integer minor units with an ISO 4217 currency. See README.md.',
    },
    API_OPERATIONS,
    { ...ORDERS_SCHEMAS, ...BANK_SCHEMAS },
  );
}

/** The document as the file holds it: two-space JSON and a final newline. */
export const documentText = (document: OpenApiDocument = apiDocument()): string => `${JSON.stringify(document, null, 2)}\n`;
