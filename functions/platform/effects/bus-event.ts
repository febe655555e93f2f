/** What the forwarder puts in a bus entry's detail (see events-out/forward-events.ts). */
export type BusDetail = { eventId: string; streamId: string; version: number; at: string; data: unknown; correlationId?: string };

/** A domain event as it arrives through a bus rule: its type (`detail-type`) and the stored event's facts. */
export type BusEvent = { type: string; detail: BusDetail };

/** A message that is not a bus event of ours: retrying cannot mend it, so it is parked. */
export class MalformedMessage extends Error {
  readonly name = 'MalformedMessage';
}

/** Reads an EventBridge event (an SQS message body as a rule's SQS target delivers it). */
export function busEventFrom(body: string): BusEvent {
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    throw new MalformedMessage('the message is not JSON');
  }
  if (!isRecord(event) || typeof event['detail-type'] !== 'string' || !isRecord(event.detail)) throw new MalformedMessage('the message is not an EventBridge event');
  const { eventId, streamId, version, at } = event.detail;
  if (typeof eventId !== 'string' || typeof streamId !== 'string' || typeof version !== 'number' || typeof at !== 'string' || !isRecord(event.detail.data)) {
    throw new MalformedMessage(`the ${event['detail-type']} event lacks eventId, streamId, version, at or data`);
  }
  return { type: event['detail-type'], detail: event.detail as BusDetail };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
