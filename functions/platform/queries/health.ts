import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { json } from '../http/responses';
import type * as z from '../http/zod';
import type { Health } from './health-schema';

/** GET /health: the API answers. The one route without a token; it touches nothing. */
export async function handler(): Promise<APIGatewayProxyStructuredResultV2> {
  return json(200, { status: 'ok' } satisfies z.output<typeof Health>);
}
