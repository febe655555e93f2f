import * as z from '../http/zod';
import { pageOf } from '../http/page-schema';
import { Limit } from '../queries/page-query';
import { INBOX_KINDS } from './inbox-item';

/** An item's id in a path: `dl-<message id>` or `comp-<saga>-<id>`. */
export const InboxItemId = z.string().check(z.regex(/^(dl|comp)-[A-Za-z0-9-]{1,120}$/, 'an inbox item id looks like dl-<message id> or comp-<saga>-<id>'));

/** GET /inbox: its query. Open items unless `state=done`; newest first. */
export const InboxQuery = z.strictObject({
  state: z._default(z.enum(['open', 'done']), 'open'),
  kind: z.optional(z.enum(INBOX_KINDS)),
  limit: Limit,
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

/** POST /inbox/{id}/resolve: why a person closes the item. */
export const ResolveInboxItem = z.strictObject({ note: z.string().check(z.trim(), z.minLength(1, 'say what was done: note is empty'), z.maxLength(2000)) });

const Concerns = z.strictObject({ type: z.string(), id: z.string() });
const Summary = {
  itemId: z.string(),
  state: z.enum(['open', 'done']),
  kind: z.enum(INBOX_KINDS),
  source: z.string(),
  concerns: z.optional(Concerns),
  at: z.string(),
  error: z.string(),
  cause: z.string(),
  attempts: z.number(),
  /** Whether POST /inbox/{id}/retry can do anything (some items can only be resolved). */
  retryable: z.boolean(),
  retryingUntil: z.optional(z.string()),
};

/** One line of a listing. */
export const InboxItemSummary = z.strictObject(Summary);
/** One item with the message itself and its history: who did what, when and why. */
export const InboxItemView = z.strictObject({
  ...Summary,
  message: z.unknown(),
  history: z.array(
    z.strictObject({
      type: z.enum(['Opened', 'FailedAgain', 'Retried', 'RetryRequested', 'RetrySucceeded', 'RetryFailed', 'Resolved']),
      at: z.string(),
      by: z.optional(z.string()),
      note: z.optional(z.string()),
      error: z.optional(z.string()),
    }),
  ),
});
export const InboxPage = pageOf(InboxItemSummary);
