import type { StoredEvent } from '../../eventstore';

/** A repair message that does not hold a stored event: nothing can be repaired from it. */
export class UnreadableRepairMessage extends Error {
  constructor(readonly messageId: string, detail: string) {
    super(`repair message ${messageId} ${detail}`);
    this.name = 'UnreadableRepairMessage';
  }
}

/**
 * The stored event a repair message carries (the body of a parked message, moved back by
 * `npm run redrive`). Only what locates the event is checked: its content is read again from
 * the store, where it may have been fixed.
 */
export function storedEventOf(messageId: string, body: string): StoredEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new UnreadableRepairMessage(messageId, 'is not JSON');
  }
  if (!isStoredEvent(parsed)) throw new UnreadableRepairMessage(messageId, 'is not a stored event (streamId, version, type, meta.eventId)');
  return parsed;
}

function isStoredEvent(value: unknown): value is StoredEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { streamId, version, type, meta } = value as Record<string, unknown>;
  return (
    typeof streamId === 'string' &&
    Number.isSafeInteger(version) &&
    typeof type === 'string' &&
    typeof meta === 'object' &&
    meta !== null &&
    typeof (meta as Record<string, unknown>).eventId === 'string'
  );
}
