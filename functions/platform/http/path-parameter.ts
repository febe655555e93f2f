import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ZodMiniType } from './zod';
import { HttpError } from './problem';

/** A path parameter checked against its schema: a malformed id is a 400, not a lookup. */
export function pathParameter<T>(event: APIGatewayProxyEventV2, name: string, schema: ZodMiniType<T>): T {
  const raw = event.pathParameters?.[name];
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new HttpError(400, 'Invalid request', `path parameter ${name} "${raw ?? ''}" is not valid: ${result.error.issues[0]?.message ?? 'invalid'}`);
  }
  return result.data;
}
