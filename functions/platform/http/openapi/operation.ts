import type { ZodMiniObject, ZodMiniType } from '../zod';

/** Who may call an operation: anyone (no token), any signed-in caller, or admins only. */
export type OperationAccess = 'public' | 'signed-in' | 'admin';

/** A response header the document names (see headers.ts). */
export type ResponseHeader = 'etag' | 'location' | 'preference-applied' | 'retry-after';

/** One documented answer: its body's schema (JSON unless `contentType` says otherwise), the headers it sets and an example. */
export type ResponseSpec = {
  description: string;
  schema?: ZodMiniType;
  headers?: readonly ResponseHeader[];
  example?: unknown;
};

/**
 * One operation of the HTTP API, as a context describes it for the OpenAPI document: the same
 * zod schemas its handler validates with (path parameters, query, body) and the schemas of what it
 * answers. Errors are listed by status only: every one is a problem document (problem.ts).
 */
export type ApiOperation = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The route's path as API Gateway has it, with `{name}` parameters. */
  path: string;
  /** The route's id in the CDK app (e.g. `PlaceOrder`). */
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: OperationAccess;
  pathParameters?: Record<string, ZodMiniType>;
  query?: ZodMiniObject;
  body?: { schema: ZodMiniType; example?: unknown };
  /** `required`: the route refuses a request without one (428). */
  idempotencyKey?: 'optional' | 'required';
  /** The route takes `If-Match` (a command on a versioned stream). */
  ifMatch?: boolean;
  /** The route takes `Prefer: wait=<seconds>` and may answer 200 with the outcome. */
  preferWait?: boolean;
  responses: Partial<Record<number, ResponseSpec>>;
  /** The statuses it answers with a problem, besides those every route may (problem.ts). */
  problems: readonly number[];
};
