import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ZodMiniType } from './zod';
import { HttpError } from './problem';

/** Bodies are small JSON documents; anything bigger is a mistake or an attack. */
export const MAX_BODY_BYTES = 64 * 1024;

export type ParsedEvent<Body> = APIGatewayProxyEventV2 & { parsedBody: Body };

/** The request body as text, refused with a 413 past {@link MAX_BODY_BYTES} (on every route, with a body or not). */
export function boundedBody(event: APIGatewayProxyEventV2): string {
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new HttpError(413, 'Content Too Large', `the body must be at most ${MAX_BODY_BYTES} bytes`);
  return raw;
}

/** Middleware for routes that take no body: a huge one is still refused, as on every route. */
export function bodyLimit<Event extends APIGatewayProxyEventV2>(): MiddlewareObj<Event> {
  return { before: ({ event }) => void boundedBody(event) };
}

/**
 * Middleware: checks the content type and size, parses JSON and validates it against the route's
 * schema, so the core handler receives a typed `parsedBody` or never runs.
 */
export function jsonBody<Body>(schema: ZodMiniType<Body>): MiddlewareObj<ParsedEvent<Body>> {
  return {
    before: ({ event }) => {
      const contentType = event.headers['content-type'] ?? '';
      if (!/^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(contentType)) {
        throw new HttpError(415, 'Unsupported Media Type', `send the body as application/json (got "${contentType || 'no content type'}")`);
      }
      const raw = boundedBody(event);
      if (raw.trim() === '') throw new HttpError(400, 'Invalid request', 'a JSON body is required');
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (error) {
        throw new HttpError(400, 'Invalid request', `the body is not valid JSON: ${(error as Error).message}`);
      }
      const result = schema.safeParse(json);
      if (!result.success) {
        const errors = result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
        const first = errors[0];
        const detail = first ? `${first.path}: ${first.message}` : 'the body does not match the schema';
        throw new HttpError(400, 'Invalid request', detail, { errors });
      }
      event.parsedBody = result.data;
    },
  };
}
