/** An event as the store, a stream or the bus hands it over: a type and data of no known shape. */
export type UntypedEvent = { type: string; data: unknown };

/** An event of a type the projection does not know, or without data: it cannot be applied. */
export class UnknownEvent extends Error {
  constructor(readonly event: { streamId: string; version: number; type: string }, aggregate: string) {
    super(`${event.type} at version ${event.version} of ${event.streamId} is not a known ${aggregate} event with data`);
    this.name = 'UnknownEvent';
  }
}

/**
 * A guard for the events of one decider, by their type (and that they have data). The store is
 * untyped; the data's shape is what that decider wrote, and `apply` finds out if it is not. The
 * types are given as a record keyed by the union itself, so a new event type fails to compile
 * until it is listed.
 */
export function eventGuard<Event extends UntypedEvent>(types: Record<Event['type'], true>) {
  return <E extends UntypedEvent>(event: E): event is E & Event => Object.hasOwn(types, event.type) && hasData(event);
}

function hasData(event: UntypedEvent): boolean {
  return typeof event.data === 'object' && event.data !== null;
}
