import type { StoredEvent } from '../../eventstore';

/** An event a projection could not apply, and why. */
export type ParkedEvent = { event: StoredEvent; reason: string };

/**
 * Where a projection puts an event it cannot apply, so that it never blocks the events after it:
 * a queue a person can read, and redrive once the data or the code is fixed.
 */
export type EventParking = { park(parked: ParkedEvent): Promise<void> };

/** SQS message attributes are small; the reason is for a person, its start is enough. */
const MAX_REASON_LENGTH = 1000;

/**
 * The message a parked event becomes: the stored event itself as the body (what the repair path
 * reads back, so a redriven message needs nothing else) and the reason beside it.
 */
export function parkedMessage({ event, reason }: ParkedEvent): { body: string; reason: string } {
  return { body: JSON.stringify(event), reason: reason.slice(0, MAX_REASON_LENGTH) };
}
