/**
 * Event schema versions and upcasters: stored events are facts and never rewritten, so an event
 * type whose shape changes gets a new schema version, and events stored at an older one are
 * turned into the current shape on every read. Deciders, views and the bus see current shapes only.
 * Each context declares its own versions and upcasters (see {@link eventSchemasOf}).
 */

/** What upcasting needs of a stored event: its type, its data and the schema version it was written at. */
export type VersionedEvent = { type: string; data: unknown; meta: { schemaVersion: number } };

/** Turns the data of one schema version of an event type into the next version's. Pure. */
export type Upcaster = (data: unknown) => unknown;

/**
 * A context's event schemas: the current schema version of each event type whose shape has
 * changed (every other type is at 1), and `upcasters[type][n]`, which turns version n of that type
 * into version n + 1.
 */
export type SchemaVersions = {
  current: Partial<Record<string, number>>;
  upcasters: Partial<Record<string, Partial<Record<number, Upcaster>>>>;
};

/** A type is at a version past 1 but a step to it is missing: a deployment bug, not bad input. */
export class MissingUpcaster extends Error {
  constructor(readonly context: { type: string; fromVersion: number }) {
    super(`no upcaster for ${context.type} from schema version ${context.fromVersion}`);
    this.name = 'MissingUpcaster';
  }
}

/**
 * The schemas the event store is given (it knows no domain): what version to write each type at,
 * and how to read an old one. An event already current comes back as it is; so does one written
 * at a later version than this code knows (by a newer deployment, during a rollback).
 */
export function eventSchemasOf(versions: SchemaVersions) {
  const schemaVersionOf = (type: string): number => versions.current[type] ?? 1;
  const upcast = <E extends VersionedEvent>(event: E): E => {
    const current = schemaVersionOf(event.type);
    let version = event.meta.schemaVersion;
    if (version >= current) return event;
    let data = event.data;
    for (; version < current; version++) {
      const step = versions.upcasters[event.type]?.[version];
      if (!step) throw new MissingUpcaster({ type: event.type, fromVersion: version });
      data = step(data);
    }
    return { ...event, data, meta: { ...event.meta, schemaVersion: version } };
  };
  return { schemaVersionOf, upcast };
}
