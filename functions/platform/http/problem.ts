import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** An RFC 9457 problem document. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
};

/** An error the edge answers with its own status and detail (bad request, unknown resource…). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HttpError';
  }
}

/** How long a client should wait before retrying a 503. */
const RETRY_AFTER_SECONDS = 1;

/** The response for a problem: `application/problem+json`, never a stack trace; a 503 says when to retry. */
export function problemResponse(problem: Problem): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json', ...(problem.status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {}) },
    body: JSON.stringify(problem),
  };
}

/** A `type` URI naming the problem, from its title: "Insufficient stock" → …/insufficient-stock. */
export function problemType(title: string): string {
  return `https://orderline.dev/problems/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}
