import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';

/** PutEvents takes at most 10 entries per call. */
export const PUT_EVENTS_BATCH = 10;

export type PutEvents = (entries: PutEventsRequestEntry[]) => Promise<{ FailedEntryCount?: number; Entries?: PutEventsResultEntry[] }>;

/**
 * Puts every entry on the bus, 10 per call. PutEvents can accept some entries of a call and fail
 * others (FailedEntryCount); only the failed ones are sent again, with backoff, so an accepted
 * entry is never sent twice by this function. Returns the indexes of entries that still failed.
 */
export async function putAllEvents(
  putEvents: PutEvents,
  entries: PutEventsRequestEntry[],
  options: { attempts?: number; backoffMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<number[]> {
  const attempts = options.attempts ?? 4;
  const backoffMs = options.backoffMs ?? 100;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let pending = entries.map((_, index) => index);
  for (let attempt = 1; attempt <= attempts && pending.length > 0; attempt++) {
    if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2));
    const failed: number[] = [];
    for (let start = 0; start < pending.length; start += PUT_EVENTS_BATCH) {
      const batch = pending.slice(start, start + PUT_EVENTS_BATCH);
      const result = await putEvents(batch.map((index) => entries[index]!)).catch(() => undefined);
      if (!result) {
        failed.push(...batch);
        continue;
      }
      if (!result.FailedEntryCount) continue;
      // Result entries are in request order; a failed one carries an ErrorCode.
      batch.forEach((index, position) => {
        if (result.Entries?.[position]?.ErrorCode) failed.push(index);
      });
    }
    pending = failed;
  }
  return pending;
}
