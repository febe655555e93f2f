import * as z from '../http/zod';

/** One event of a stream as the history routes answer it (stream-history.ts). */
export const HistoryEvent = z.strictObject({
  version: z.number().check(z.int(), z.positive()),
  type: z.string(),
  at: z.string(),
  /** The event's payload, as its context's events declare it. */
  data: z.unknown(),
  eventId: z.optional(z.string()),
  correlationId: z.optional(z.string()),
});

/** A stream's history, oldest first: its version and its events (each context names the stream's id beside them). */
export const historyFields = { version: z.number().check(z.int()), events: z.array(HistoryEvent) };
