import type { InboxStore } from './inbox-store';
import type { InboxRetryRequest } from './retry-request';

/**
 * Records on its item how a context's retry of a saga went (called by the context's reconciler
 * after a run on the item's ids): nothing left unrepaired closes it; otherwise it stays open with
 * what still failed, and may be retried again.
 */
export async function settleInboxRetry(inbox: InboxStore, request: InboxRetryRequest, findings: readonly { repaired: boolean; error?: string }[]): Promise<void> {
  const at = new Date().toISOString();
  const failed = findings.filter((finding) => !finding.repaired);
  if (failed.length === 0) await inbox.settleRetry(request.itemId, { type: 'RetrySucceeded', at, by: request.by }, { done: true });
  else await inbox.settleRetry(request.itemId, { type: 'RetryFailed', at, by: request.by, error: failed.map((f) => f.error ?? 'not repaired').join('; ').slice(0, 2000) }, { done: false });
}
