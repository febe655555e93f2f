import { SCRATCH_ENV, endScratch } from './support/scratch';

/** Stops the local system (or DynamoDB Local alone) the run started, if it started one, and removes the run's scratch folder. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { orderline?: { stop(): Promise<void> } }).orderline?.stop();
  endScratch(process.env[SCRATCH_ENV]);
}
