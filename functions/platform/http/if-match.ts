import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from './problem';

/** The version a client sent in If-Match (`"3"`, `W/"3"` or `3`), or undefined without the header. */
export function ifMatchVersion(event: APIGatewayProxyEventV2): number | undefined {
  const header = event.headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match) throw new HttpError(400, 'Invalid request', `If-Match must be the ETag of the resource, such as "3" (got ${header})`);
  return Number(match[1]);
}
