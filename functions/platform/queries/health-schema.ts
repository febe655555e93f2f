import * as z from '../http/zod';

/** GET /health: the API answers. */
export const Health = z.strictObject({ status: z.literal('ok') });
