/**
 * An item of the operator's inbox: something that needs a person. Every kind is one of these,
 * whatever queue or saga it came from, so one listing, one page and one command line serve them all.
 * - `compensation`: a saga's undo failed past its retries (money or stock to put right);
 * - `parked-event`: a view could not apply an event (it waits in the view's parked queue);
 * - `effect`: a durable effect gave up on its event, or could not read it;
 * - `bus-target`: a bus rule could not deliver an event to its target;
 * - `stream-batch`: a stream consumer failed a batch past its retries (the failure record points
 *   into the stream; the events themselves are not in it).
 */
export const INBOX_KINDS = ['compensation', 'parked-event', 'effect', 'bus-target', 'stream-batch'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** The index that lists items by state, newest first (lib/platform/inbox-table.ts). */
export const INBOX_BY_STATE = 'byState';

/** Open: waiting for a person. Done: retried successfully or resolved; still readable. */
export type InboxState = 'open' | 'done';

/** What an item is about, from its stream id (`order#…`, `transfer#…`, `account#…`) or its saga. */
export type Concerns = { type: string; id: string };

/**
 * How a retry is done: the message sent again to the queue it came from (its consumer is
 * idempotent), or an event asking the context that owns the saga to finish its remaining work
 * (its reconciler, with the same idempotent commands as its scheduled runs).
 */
export type RetryAction =
  | { kind: 'send'; queueUrl: string; body: string }
  | { kind: 'event'; target: string; ids: string[] };

/** What happened to an item, in order: who did what, when, and why. */
export type InboxRecord =
  | { type: 'Opened'; at: string }
  | { type: 'FailedAgain'; at: string; error: string }
  | { type: 'Retried'; at: string; by: string }
  | { type: 'RetryRequested'; at: string; by: string }
  | { type: 'RetrySucceeded'; at: string; by: string }
  | { type: 'RetryFailed'; at: string; by: string; error: string }
  | { type: 'Resolved'; at: string; by: string; note: string };

export type InboxItem = {
  itemId: string;
  state: InboxState;
  kind: InboxKind;
  /** Where it came from, as the stack names it (a queue's or a saga's id, e.g. `ProjectOrders`, `StartSaga`, `order saga`). */
  source: string;
  concerns?: Concerns;
  /** When it first needed a person. */
  at: string;
  error: string;
  cause: string;
  /** How many times it was tried before it landed here (its receive count, or the saga's failed steps). */
  attempts: number;
  /** The message or event itself, personal data and tokens withheld (withheld.ts). */
  message: unknown;
  /** How it can be retried; none when only a person can mend it (then resolve it). */
  retry?: RetryAction;
  /** A retry under way until then (ISO): another retry waits for it to end. */
  retryingUntil?: string;
  history: InboxRecord[];
};

/** The item's stable id: a dead letter's by its queue message, a saga's by the saga and its subject (one item per failed saga). */
export const deadLetterItemId = (messageId: string): string => `dl-${messageId}`;
export const compensationItemId = (saga: string, subjectId: string): string => `comp-${saga}-${subjectId}`;

/** What a stream id (`<aggregate>#<id>`) says an item concerns. */
export function concernsOfStream(streamId: unknown): Concerns | undefined {
  if (typeof streamId !== 'string') return undefined;
  const at = streamId.indexOf('#');
  return at > 0 ? { type: streamId.slice(0, at), id: streamId.slice(at + 1) } : undefined;
}
