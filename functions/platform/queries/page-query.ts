import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from '../http/problem';
import * as z from '../http/zod';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const Limit = z._default(z.coerce.number().check(z.int('limit is a whole number'), z.minimum(1), z.maximum(MAX_PAGE_SIZE)), DEFAULT_PAGE_SIZE);

/** The query string checked against its schema: unknown or malformed parameters are a 400. */
export function queryParameters<T>(event: APIGatewayProxyEventV2, schema: z.ZodMiniType<T>): T {
  const result = schema.safeParse(event.queryStringParameters ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new HttpError(400, 'Invalid request', `query parameter ${issue?.path.join('.') || '?'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
