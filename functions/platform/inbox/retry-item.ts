import { HttpError } from '../http/problem';
import type { InboxItem, RetryAction } from './inbox-item';
import type { InboxStore } from './inbox-store';
import { performRetry, type RetryClients } from './perform-retry';

/** How long a retry holds its item: a send takes a moment; a context's reconciler, a few minutes at most. */
const CLAIM_MS = { send: 60_000, event: 5 * 60_000 } as const;

/**
 * Retries one item, once however many ask at the same time: the item is claimed by a conditional
 * write, and only the caller that claimed it does the work. 200 and done when the message is back
 * on its queue; 202 when a context was asked to finish a saga; an item already done is answered
 * as it is (200, nothing changes). The same code serves the route, the command line and `npm run redrive`.
 */
export async function retryItem(inbox: InboxStore, itemId: string, by: string, clients: RetryClients): Promise<{ status: 200 | 202; item: InboxItem }> {
  const item = await inbox.get(itemId);
  if (!item) throw new HttpError(404, 'Not found', `inbox item ${itemId} does not exist`);
  if (item.state === 'done') return { status: 200, item };
  if (!item.retry) throw new HttpError(409, 'Not retryable', `a ${item.kind} item cannot be retried from the inbox: ${item.cause} Mend it, then resolve it with a note`);
  const now = new Date();
  // A context's reconciler may record its outcome before this function goes on: the request is recorded with the claim, first.
  const requested = item.retry.kind === 'event' ? ({ type: 'RetryRequested', at: now.toISOString(), by } as const) : undefined;
  const claimed = await inbox.claimRetry(itemId, now.toISOString(), new Date(now.getTime() + CLAIM_MS[item.retry.kind]).toISOString(), requested);
  if (!claimed) {
    const current = await inbox.get(itemId);
    if (current?.state === 'done') return { status: 200, item: current };
    throw new HttpError(409, 'Retry under way', `a retry of inbox item ${itemId} is under way until ${current?.retryingUntil ?? 'shortly'}; look at the item again then`);
  }
  let done: 'done' | 'requested';
  try {
    done = await performRetry(claimed as InboxItem & { retry: RetryAction }, by, clients);
  } catch (error) {
    await inbox.settleRetry(itemId, { type: 'RetryFailed', at: new Date().toISOString(), by, error: String(error) }, { done: false });
    throw new HttpError(503, 'Retry failed', `inbox item ${itemId} could not be retried: ${(error as Error).message}; it stays open`);
  }
  if (done === 'done') return { status: 200, item: await inbox.settleRetry(itemId, { type: 'Retried', at: new Date().toISOString(), by }, { done: true }) };
  return { status: 202, item: claimed };
}
