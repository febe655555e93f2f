import type { SpawnedSystem } from '../local/spawn-system';

/** Stops the local system the run started, if it started one. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { orderline?: SpawnedSystem }).orderline?.stop();
}
