import { commandDependencies } from '../../platform/commands/dependencies';
import { eventSchemas } from '../domain';

/** What every command handler needs, created once per container when the handler loads. */
export const { client, store, idempotency } = commandDependencies(eventSchemas);
