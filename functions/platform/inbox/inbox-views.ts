import type * as z from '../http/zod';
import type { InboxItem } from './inbox-item';
import type { InboxItemSummary, InboxItemView } from './inbox-schemas';

/** A listing's line: the item without its message and history (nor how a retry is done: that may hold the raw message). */
export function summaryOf(item: InboxItem): z.output<typeof InboxItemSummary> {
  const { itemId, state, kind, source, concerns, at, error, cause, attempts, retryingUntil } = item;
  return { itemId, state, kind, source, ...(concerns ? { concerns } : {}), at, error, cause, attempts: Number(attempts), retryable: item.retry !== undefined, ...(retryingUntil ? { retryingUntil } : {}) };
}

/** An item as GET /inbox/{id} shows it. */
export function viewOf(item: InboxItem): z.output<typeof InboxItemView> {
  return { ...summaryOf(item), message: item.message, history: item.history };
}
