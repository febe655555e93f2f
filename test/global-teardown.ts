
/** Stops the local system (or DynamoDB Local alone) the run started, if it started one. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { orderline?: { stop(): Promise<void> } }).orderline?.stop();
}
