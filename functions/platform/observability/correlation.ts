import { randomUUID } from 'node:crypto';

/** The request and response header of the correlation id. */
export const CORRELATION_HEADER = 'x-correlation-id';

/** What a caller may send as a correlation id: short, printable, no spaces (it ends up in logs and headers). */
const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The correlation id of a request: the caller's own `x-correlation-id` when it is one we can
 * carry safely, a new UUID otherwise (a missing or unusable header is not worth refusing a command).
 */
export function correlationIdFrom(header: string | undefined): string {
  return header !== undefined && ACCEPTED.test(header) ? header : randomUUID();
}
