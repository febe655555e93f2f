/**
 * The HTTP headers of the API's contract that a web page on another origin must be allowed to use
 * (lib/platform/cors.ts lists them in the HTTP API's CORS configuration). Fetch's safelisted
 * headers (Accept, Content-Language…; Cache-Control, Content-Type… of a response) need no listing.
 */
export const BROWSER_HEADERS = {
  /** What a page may send: the bearer token, a JSON body, a retry's key, a version to act on, a wait, its own correlation id. */
  request: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'prefer', 'x-correlation-id'],
  /** What a page may read of a response besides the safelisted ones. */
  response: ['etag', 'location', 'retry-after', 'preference-applied', 'x-correlation-id'],
} as const;

/** The methods the API's routes use. */
export const API_METHODS = ['GET', 'POST', 'DELETE'] as const;
