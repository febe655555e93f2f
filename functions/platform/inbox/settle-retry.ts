import type { InboxStore } from './inbox-store';
import type { InboxRetryRequest } from './retry-request';

/** What a context's reconciler saw and did on a retried item's ids. */
export type RetryRun = {
  findings: readonly { repaired: boolean; error?: string }[];
  /** False when the run stopped at its time budget before it had checked everything. */
  complete: boolean;
  /** The ids whose saga is still running: nothing can be said of them yet. */
  running: readonly string[];
};

/**
 * Records on its item how a context's retry of a saga went (called by the context's reconciler
 * after a run on the item's ids). Only a run that checked everything, on sagas that have ended,
 * and repaired all it found closes the item: an empty run is no proof when the saga is still
 * compensating or the run ran out of time. Otherwise the item stays open with why, and may be
 * retried again.
 */
export async function settleInboxRetry(inbox: InboxStore, request: InboxRetryRequest, run: RetryRun): Promise<void> {
  const at = new Date().toISOString();
  const why = [
    ...run.running.map((id) => `the saga of ${id} is still running (its compensation may still be retrying): retry once it has ended`),
    ...(run.complete ? [] : ['the reconciler ran out of time before it had checked everything: retry again']),
    ...run.findings.filter((finding) => !finding.repaired).map((finding) => finding.error ?? 'not repaired'),
  ];
  if (why.length === 0) await inbox.settleRetry(request.itemId, { type: 'RetrySucceeded', at, by: request.by }, { done: true });
  else await inbox.settleRetry(request.itemId, { type: 'RetryFailed', at, by: request.by, error: why.join('; ').slice(0, 2000) }, { done: false });
}
