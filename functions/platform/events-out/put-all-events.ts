import type { PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';

/** PutEvents takes at most 10 entries per call. */
export const PUT_EVENTS_BATCH = 10;

/** Entry error codes that another try may get past; any other means the bus will never take the entry. */
const TRANSIENT_CODES = new Set(['InternalFailure', 'InternalException', 'ThrottlingException', 'ServiceUnavailable']);

export type PutEvents = (entries: PutEventsRequestEntry[]) => Promise<{ FailedEntryCount?: number; Entries?: PutEventsResultEntry[] }>;

/** An entry the bus refused for good: its index and the bus's reason. */
export type Refusal = { index: number; code: string; message?: string };

/**
 * Puts every entry on the bus, 10 per call. PutEvents can accept some entries of a call and fail
 * others (FailedEntryCount); only the failed ones are sent again, with backoff, so an accepted
 * entry is never sent twice by this function. An entry refused with a code no retry can mend
 * (a malformed entry) is not retried: it is returned in `refused`, for the caller to park.
 * `failed` holds the entries still failing for a passing reason after every attempt.
 */
export async function putAllEvents(
  putEvents: PutEvents,
  entries: PutEventsRequestEntry[],
  options: { attempts?: number; backoffMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<{ failed: number[]; refused: Refusal[] }> {
  const attempts = options.attempts ?? 4;
  const backoffMs = options.backoffMs ?? 100;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const refused: Refusal[] = [];
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
        const outcome = result.Entries?.[position];
        if (!outcome?.ErrorCode) return;
        if (TRANSIENT_CODES.has(outcome.ErrorCode)) failed.push(index);
        else refused.push({ index, code: outcome.ErrorCode, message: outcome.ErrorMessage });
      });
    }
    pending = failed;
  }
  return { failed: pending, refused };
}
