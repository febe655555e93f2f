import { eventSchemasOf } from '../../platform/domain/upcasting';

/** What the bank's event store writes each type at, and how it reads an old one: every type at version 1 so far. */
export const eventSchemas = eventSchemasOf({ current: {}, upcasters: {} });
