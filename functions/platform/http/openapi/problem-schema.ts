import * as z from '../zod';

/** An RFC 9457 problem document, as every error our functions answer (problem.ts); extensions allowed. */
export const ProblemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int(), z.minimum(400), z.maximum(599)),
  detail: z.string(),
  /** A 400 for an invalid body lists every issue (json-body.ts). */
  errors: z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))),
});

/** What API Gateway answers itself, before or instead of a function (401 from the authorizer, 429 from the stage, 503 past the timeout). */
export const GatewayMessageSchema = z.strictObject({ message: z.string() });

/** The statuses any route may answer: API Gateway's (as `{"message"}`) or a function's (as a problem). */
export const EVERY_ROUTE_PROBLEMS = [413, 429, 500, 503] as const;
/** And any route behind the authorizer. */
export const SIGNED_IN_PROBLEMS = [401, ...EVERY_ROUTE_PROBLEMS] as const;
/** Statuses API Gateway itself may answer, with `{"message": …}` (a 400 for a request it cannot read, such as a malformed percent-encoding in the path). */
export const GATEWAY_STATUSES: ReadonlySet<number> = new Set([400, 401, 403, 413, 429, 500, 503]);

export const PROBLEM_TITLES: Record<number, string> = {
  400: 'Invalid request: a body, header, path id or query parameter that is not valid (with the field path); API Gateway answers `{"message":"Bad Request"}` itself to a request it cannot read',
  401: 'No verified identity: no token or a bad one (API Gateway answers `{"message":"Unauthorized"}` itself)',
  403: 'Forbidden: a customer on an admin route, or asking for another customer',
  404: 'Not found: no such resource, or one the caller may not see (answered exactly alike)',
  409: 'Conflict: a rule the resource breaks, a command that changes nothing, or a lost race',
  412: 'Precondition failed: If-Match is not the current version; nothing was appended',
  413: 'Content too large: the body is over 64 KiB',
  415: 'Unsupported media type: send the body as application/json',
  422: 'Unprocessable: a reused Idempotency-Key, or a value the domain refuses',
  428: 'Precondition required: this route needs an Idempotency-Key',
  429: 'Too many requests: the caller spent its budget of the minute (a problem, with Retry-After), or the stage throttled the route (API Gateway answers `{"message"}`)',
  500: 'Internal error: a bug, logged; the detail never says more',
  503: 'Service unavailable: the store stayed throttled (with Retry-After), or the function did not answer in time',
};
