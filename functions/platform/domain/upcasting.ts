/**
 * Event schema versions and upcasters: stored events are facts and never rewritten, so an event
 * type whose shape changes gets a new schema version, and events stored at an older one are
 * turned into the current shape on every read. Deciders, views and the bus see current shapes only.
 */

/** What upcasting needs of a stored event: its type, its data and the schema version it was written at. */
export type VersionedEvent = { type: string; data: unknown; meta: { schemaVersion: number } };

/** The current schema version of each event type whose shape has changed; every other type is at 1. */
export const CURRENT_SCHEMA_VERSIONS: Partial<Record<string, number>> = {
  OrderPlaced: 2,
};

/** Turns the data of one schema version of an event type into the next version's. Pure. */
export type Upcaster = (data: unknown) => unknown;

/** `UPCASTERS[type][n]` turns version n of that type into version n + 1. */
export const UPCASTERS: Partial<Record<string, Partial<Record<number, Upcaster>>>> = {
  OrderPlaced: { 1: orderPlacedV1toV2 },
};

/** The schema version an event of this type is written at today. */
export function currentSchemaVersion(type: string): number {
  return CURRENT_SCHEMA_VERSIONS[type] ?? 1;
}

/** A type is at a version past 1 but a step to it is missing: a deployment bug, not bad input. */
export class MissingUpcaster extends Error {
  constructor(readonly context: { type: string; fromVersion: number }) {
    super(`no upcaster for ${context.type} from schema version ${context.fromVersion}`);
    this.name = 'MissingUpcaster';
  }
}

/**
 * The event in the current shape of its type, with `meta.schemaVersion` the current version. An
 * event already current comes back as it is; so does one written at a later version than this
 * code knows (by a newer deployment, during a rollback): there is nothing to turn it into.
 */
export function upcastEvent<E extends VersionedEvent>(event: E): E {
  const current = currentSchemaVersion(event.type);
  let version = event.meta.schemaVersion;
  if (version >= current) return event;
  let data = event.data;
  for (; version < current; version++) {
    const step = UPCASTERS[event.type]?.[version];
    if (!step) throw new MissingUpcaster({ type: event.type, fromVersion: version });
    data = step(data);
  }
  return { ...event, data, meta: { ...event.meta, schemaVersion: version } };
}

/**
 * The schemas the event store is given (it knows no domain): what version to write each type at,
 * and how to read an old one.
 */
export const eventSchemas = {
  schemaVersionOf: currentSchemaVersion,
  upcast: upcastEvent,
};

/**
 * OrderPlaced v1 carried the customer's card token as `paymentMethod`; v2 carries
 * `paymentMethodRef`, a reference into the payment-methods vault, and never a token. The token is
 * dropped so none reaches a decider, a view or the bus again. No `paymentMethodRef` is made up:
 * an old order's payment cannot be charged from its event, and needs not be, since those orders
 * finished their sagas long ago.
 *
 * Only the token goes, everything else stays: events written after the token left the event but
 * before meta carried per-type versions are stored as "1" with the v2 shape, and their
 * `paymentMethodRef` (which a saga in flight may still charge with) must come through.
 */
function orderPlacedV1toV2(data: unknown): unknown {
  if (!isRecord(data)) return data;
  const { paymentMethod: _token, ...rest } = data;
  return rest;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
