import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The longest a request may ask to wait for an outcome: a Lambda holding a request costs its time. */
export const MAX_WAIT_SECONDS = 10;

/**
 * The seconds a request asks to wait for the outcome (`Prefer: wait=<seconds>`, RFC 7240 §4.3), at
 * most {@link MAX_WAIT_SECONDS}; undefined when it does not ask. A preference that cannot be read
 * is ignored, as RFC 7240 has servers ignore what they do not understand.
 */
export function preferredWait(event: APIGatewayProxyEventV2): number | undefined {
  const header = event.headers?.prefer;
  if (!header) return undefined;
  for (const preference of header.split(',')) {
    const match = /^\s*wait\s*=\s*"?(\d{1,6})"?\s*(;.*)?$/i.exec(preference);
    if (match) return Math.min(Number(match[1]), MAX_WAIT_SECONDS);
  }
  return undefined;
}

/** Polls `read` until `done` says so of what it read, or `seconds` pass; the last read either way. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, seconds: number, intervalMs = 150): Promise<{ value: T; done: boolean }> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await read();
    if (done(value)) return { value, done: true };
    if (Date.now() + intervalMs > deadline) return { value, done: false };
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
