import type { FailedUndo } from '../saga/failed-undos';
import { compensationItemId, type InboxItem } from './inbox-item';
import type { InboxStore } from './inbox-store';
import { withheld } from './withheld';

/** A saga's failed undo, as its context's record step tells the inbox. */
export type FailedCompensation = {
  /** The saga's name (`order`, `transfer`) and the id of what it is about. */
  saga: string;
  subjectId: string;
  /** Why the saga was compensating, in a person's words. */
  failure: string;
  undo: FailedUndo;
  /** Where the subject stood (accounts, amount…). */
  facts?: Record<string, unknown>;
  /** The context's reconciler on the bus, which can finish the saga's work (ENV.inboxRetryTarget); none: only a person can. */
  retryTarget?: string;
};

/** The inbox item of a saga whose compensation failed: one per saga, its latest failure on top. */
export function compensationItem(failed: FailedCompensation): InboxItem {
  const { saga, subjectId, undo } = failed;
  return {
    itemId: compensationItemId(saga, subjectId),
    state: 'open',
    kind: 'compensation',
    source: `${saga} saga`,
    concerns: { type: saga, id: subjectId },
    at: undo.recordedAt,
    error: undo.error,
    cause: `${undo.step} failed past its retries while the saga was compensating for: ${failed.failure}. ${undo.cause}`,
    attempts: 1,
    message: withheld({ failure: failed.failure, failedUndo: undo, ...failed.facts }),
    ...(failed.retryTarget ? { retry: { kind: 'event', target: failed.retryTarget, ids: [subjectId] } } : {}),
    history: [{ type: 'Opened', at: undo.recordedAt }],
  };
}

/**
 * Puts a saga's failed undo in the inbox. `firstTime`: the saga's failure record did not list this
 * step yet; a retried record step (false) only makes sure the item exists, so a step is never
 * counted twice and a crash between the two writes loses no item.
 */
export async function openCompensationItem(store: InboxStore, failed: FailedCompensation, firstTime: boolean): Promise<void> {
  const item = compensationItem(failed);
  if (firstTime) await store.openOrFailAgain(item);
  else await store.open(item);
}
