import { documentClient, eventStoreFromEnv } from '../clients';
import { requireEnv } from '../config';
import { createIdempotencyStore } from '../http/idempotency';
import { ENV } from '../contract/environment';

/** What every command handler needs, created once per container when the handler loads. */
export const client = documentClient();
export const store = eventStoreFromEnv(client);
export const idempotency = createIdempotencyStore(client, requireEnv(ENV.idempotencyTable));
