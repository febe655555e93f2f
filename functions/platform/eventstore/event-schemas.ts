import type { StoredEvent } from './types';

/**
 * How event shapes are versioned, given to the store by the application (the store knows no
 * domain): the schema version each type is written at, and how an event stored at an older one
 * reads in today's shape.
 */
export type EventSchemas = {
  /** The schema version new events of this type are written at (`meta.schemaVersion`). */
  schemaVersionOf(type: string): number;
  /** The event in the current shape of its type, `meta.schemaVersion` the current version. */
  upcast(event: StoredEvent): StoredEvent;
};

/** Every type at version 1, and nothing to upcast: for stores and tools that version nothing. */
export const unversionedSchemas: EventSchemas = {
  schemaVersionOf: () => 1,
  upcast: (event) => event,
};
