/** Metadata stored with every event. */
export type EventMeta = {
  eventId: string;
  correlationId: string;
  causationId?: string;
  commandId?: string;
  schemaVersion: number;
  actor?: string;
};

/** An event as a decider produces it: a type and its facts. */
export type NewEvent = { type: string; data: unknown };

/** An event as it is stored in the events table. */
export type StoredEvent = {
  streamId: string;
  version: number;
  type: string;
  data: unknown;
  meta: EventMeta;
  at: string;
};

/** Events to append to one stream, on top of the version the caller has seen (0 for a new stream). */
export type StreamAppend = {
  streamId: string;
  expectedVersion: number;
  events: NewEvent[];
};

/** What the caller knows about why it writes, copied into every event's meta. */
export type AppendContext = {
  correlationId: string;
  causationId?: string;
  commandId?: string;
  actor?: string;
};

export type LoadedStream = { streamId: string; version: number; events: StoredEvent[] };
