import { eventSchemasOf, type SchemaVersions } from '../../platform/domain/upcasting';

/** The orders context's event schema versions: every type not listed is at 1. */
export const ORDER_SCHEMA_VERSIONS: SchemaVersions = {
  current: { OrderPlaced: 2 },
  upcasters: { OrderPlaced: { 1: orderPlacedV1toV2 } },
};

/** What the orders' event store writes each type at, and how it reads an old one. */
export const eventSchemas = eventSchemasOf(ORDER_SCHEMA_VERSIONS);

/** The schema version an event of this type is written at today. */
export const currentSchemaVersion = eventSchemas.schemaVersionOf;
/** The event in the current shape of its type. */
export const upcastEvent = eventSchemas.upcast;

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
