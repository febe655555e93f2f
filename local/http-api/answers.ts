import type { ServerResponse } from 'node:http';

/** API Gateway's own answers, given before (or instead of) invoking anything: status and message. */
export const GATEWAY_ANSWERS = {
  badRequest: { status: 400, message: 'Bad Request' },
  unauthorized: { status: 401, message: 'Unauthorized' },
  forbidden: { status: 403, message: 'Forbidden' },
  notFound: { status: 404, message: 'Not Found' },
  tooLarge: { status: 413, message: 'Request Entity Too Large' },
  throttled: { status: 429, message: 'Too Many Requests' },
  internalError: { status: 500, message: 'Internal Server Error' },
  /** The function did not answer within the integration's timeout. */
  unavailable: { status: 503, message: 'Service Unavailable' },
} as const;

/** One of API Gateway's answers. */
export type GatewayAnswer = (typeof GATEWAY_ANSWERS)[keyof typeof GATEWAY_ANSWERS];

/** Sends an API Gateway answer: `{"message": …}` as JSON, with any extra headers (e.g. `www-authenticate`). */
export function sendGatewayAnswer(res: ServerResponse, answer: GatewayAnswer, headers: Record<string, string> = {}): void {
  send(res, answer.status, { 'content-type': 'application/json', ...headers }, JSON.stringify({ message: answer.message }));
}

/** Writes a whole response; a base64 body (binary, as a function may return it) is decoded first. */
export function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number | boolean>,
  body: string,
  isBase64Encoded = false,
  cookies?: string[],
): void {
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, String(value));
  if (cookies?.length) res.setHeader('set-cookie', cookies);
  res.end(isBase64Encoded ? Buffer.from(body, 'base64') : body);
}
