import * as z from './zod';

/** A page of a listing: its items and, when there is more, the cursor of the next page. */
export const pageOf = <Item extends z.ZodMiniType>(item: Item) => z.strictObject({ items: z.array(item), nextCursor: z.optional(z.string()) });
