import * as z from '../http/zod';
import { Limit } from './page-query';

/** The execution statuses Step Functions filters by. */
const Status = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);
/** A saga's name, as its context names it (`order`, `transfer`). */
const SagaName = z.string().check(z.regex(/^[a-z][a-z0-9]{0,39}$/, 'a saga is named by a word of lower-case letters and digits, such as order or transfer'));

/** GET /sagas: its query. */
export const SagaListingQuery = z.strictObject({ saga: z._default(SagaName, 'order'), status: z.optional(Status), limit: Limit, cursor: z.optional(z.string().check(z.maxLength(2000))) });

/** GET /sagas: a page of executions; each names what it is about as `<saga>Id` (`orderId`, `transferId`). */
export const SagaListing = z.strictObject({
  items: z.array(z.catchall(z.object({ status: z.optional(z.string()), startedAt: z.optional(z.string()), stoppedAt: z.optional(z.string()) }), z.optional(z.string()))),
  nextCursor: z.optional(z.string()),
});
