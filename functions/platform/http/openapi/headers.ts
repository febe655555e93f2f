import type { ResponseHeader } from './operation';

/** The response headers, as OpenAPI header objects (components.headers). */
export const RESPONSE_HEADERS: Record<ResponseHeader | 'correlation-id', { name: string; description: string; schema: Record<string, unknown>; example?: string }> = {
  etag: { name: 'ETag', description: 'The version of the resource, quoted; send it back as If-Match to act on that version only.', schema: { type: 'string', pattern: '^"\\d+"$' }, example: '"3"' },
  location: { name: 'Location', description: 'Where the resource can be read.', schema: { type: 'string' }, example: '/orders/7c0e4c38-1f5e-4c65-9a43-5b8f0d1b6a2e' },
  'preference-applied': { name: 'Preference-Applied', description: 'Set when `Prefer: wait` was honoured (RFC 7240): `wait=<seconds>`.', schema: { type: 'string' }, example: 'wait=5' },
  'retry-after': { name: 'Retry-After', description: 'Seconds to wait before retrying a 503.', schema: { type: 'string', pattern: '^\\d+$' }, example: '1' },
  'correlation-id': { name: 'x-correlation-id', description: 'The request\'s correlation id: the one sent, or a new one. Every log line and event of the request carries it.', schema: { type: 'string' } },
};

/** The request headers the API reads, as OpenAPI parameter objects (components.parameters). */
export const REQUEST_HEADERS = {
  IfMatch: { name: 'If-Match', in: 'header', required: false, description: 'Act only on this version (the ETag you read): a stale one is a 412 and nothing is appended.', schema: { type: 'string' }, example: '"3"' },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Makes a retry safe: the first answer is kept (24 h) and a repeat with the same body gets it back, appending nothing; the same key with another body is a 422. A key is the caller\'s and the route\'s own.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
    example: '2f1d3c1e-8a4b-4f7e-9c2d-1b5a6e7f8a9b',
  },
  Prefer: { name: 'Prefer', in: 'header', required: false, description: '`wait=<seconds>` (RFC 7240, at most 10): answer 200 with the outcome if the saga ends within the wait, else the usual 202.', schema: { type: 'string' }, example: 'wait=5' },
  CorrelationId: { name: 'x-correlation-id', in: 'header', required: false, description: 'A correlation id to follow the request through logs and events (a new one if absent).', schema: { type: 'string' } },
} as const;
