import { testEnv } from './test-env';

/** An entry as the bus received it (PutEvents request entry). */
export type BusEntry = { Source: string; DetailType: string; Detail: string; EventBusName?: string };

/** The entries the local bus has received lately (the local runtime keeps the last ones for tests). */
export async function busEntries(): Promise<BusEntry[]> {
  const { edgeUrl } = testEnv();
  const res = await fetch(`${edgeUrl}/_local/bus-entries`);
  if (res.status !== 200) throw new Error(`the local runtime did not list bus entries: ${res.status} ${await res.text()}`);
  return (await res.json()) as BusEntry[];
}
