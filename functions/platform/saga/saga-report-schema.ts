import * as z from '../http/zod';

/** One state a saga went through (saga-steps.ts). */
export const SagaStepSchema = z.strictObject({
  name: z.string(),
  type: z.string(),
  status: z.enum(['running', 'succeeded', 'failed', 'caught']),
  attempts: z.number().check(z.int()),
  retries: z.number().check(z.int()),
  errors: z.array(z.string()),
  enteredAt: z.string(),
  exitedAt: z.optional(z.string()),
});

/** A saga's execution as an admin reads it (saga-report.ts). */
export const SagaReportSchema = z.strictObject({
  executionArn: z.string(),
  status: z.string(),
  startedAt: z.optional(z.string()),
  stoppedAt: z.optional(z.string()),
  output: z.optional(z.unknown()),
  error: z.optional(z.string()),
  cause: z.optional(z.string()),
  path: z.array(z.string()),
  steps: z.array(SagaStepSchema),
});

/** The record of a compensation that failed, as the saga wrote it (an operator's reading). */
export const CompensationFailureSchema = z.record(z.string(), z.unknown());
