import type { Context } from 'aws-lambda';
import { logger, type LogIds } from '../observability/logger';
import { observed } from '../observability/observed';

/**
 * The entry point of a saga task: its log lines carry the ids `idsOf` reads from its input (the
 * order or the transfer, and the correlation id), and it logs one line when it ends, with its
 * outcome. A thrown error goes on to the state machine, which retries, catches or compensates:
 * it is logged as a warning, not as an error of the function.
 */
export function stepOfSaga<Input, Result>(step: string, idsOf: (input: Input) => LogIds, core: (input: Input, context: Context) => Promise<Result>) {
  return observed<Input, Result>(idsOf, async (input, context) => {
    try {
      const result = await core(input, context);
      logger.info('saga step done', { step });
      return result;
    } catch (error) {
      logger.warn('saga step failed; the state machine decides what follows', { step, error: error instanceof Error ? error.name : String(error), detail: error instanceof Error ? error.message : undefined });
      throw error;
    }
  });
}
