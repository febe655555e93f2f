import type { ApiResult } from './api-handler';

/** A JSON response; `version` becomes the ETag a client can send back as If-Match. */
export function json(statusCode: number, body: unknown, options: { version?: number; location?: string } = {}): ApiResult {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.version !== undefined) headers.etag = `"${options.version}"`;
  if (options.location) headers.location = options.location;
  return { statusCode, headers, body: JSON.stringify(body) };
}
