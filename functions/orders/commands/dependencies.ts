import { documentClient, eventStoreFromEnv } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { createIdempotencyStore } from '../../platform/http/idempotency';
import { ENV } from '../../platform/contract/environment';

/** What every command handler needs, created once per container when the handler loads. */
export const client = documentClient();
export const store = eventStoreFromEnv(client);
export const idempotency = createIdempotencyStore(client, requireEnv(ENV.idempotencyTable));
