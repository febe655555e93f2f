/**
 * A retry the inbox asks a context to do (the saga's remaining work), as a bus event: the context
 * that owns the saga has a rule for its own `target` and runs its reconciler on `ids`, then
 * records the outcome on the item (settle-retry.ts). Names shared by lib/ and functions/.
 */
export const INBOX_RETRY_EVENT = { source: 'orderline.inbox', detailType: 'InboxRetryRequested' } as const;

/** The event's detail, and the reconciler's input (the rule passes the detail on). */
export type InboxRetryRequest = { itemId: string; target: string; ids: string[]; by: string };

/** Whether a reconciler's input is an inbox retry (a scheduled run's input is a Scheduled Event). */
export function isInboxRetryRequest(input: unknown): input is InboxRetryRequest {
  const r = input as Partial<InboxRetryRequest> | null;
  return typeof r === 'object' && r !== null && typeof r.itemId === 'string' && typeof r.target === 'string' && Array.isArray(r.ids) && typeof r.by === 'string';
}
