import * as z from '../http/zod';

/** One dependency checked by GET /health/ready, as an admin sees it. */
export const ReadinessCheck = z.strictObject({ name: z.string(), ok: z.boolean(), detail: z.optional(z.string()), ms: z.number().check(z.int(), z.minimum(0)) });

/** GET /health/ready when every dependency answers: `checks` for an admin only. */
export const Ready = z.strictObject({ status: z.literal('ready'), checks: z.optional(z.array(ReadinessCheck)) });
