import { documentClient, eventStoreFromEnv } from '../clients';
import { requireEnv } from '../config';
import { ENV } from '../contract/environment';
import type { EventSchemas } from '../eventstore';
import { createIdempotencyStore } from '../http/idempotency';

/** What every command handler of a context needs: a client, the context's event store (in its schemas) and the idempotency store. Create it once per container, at module scope. */
export function commandDependencies(schemas: EventSchemas) {
  const client = documentClient();
  return { client, store: eventStoreFromEnv(schemas, client), idempotency: createIdempotencyStore(client, requireEnv(ENV.idempotencyTable)) };
}
