import type { Context } from 'aws-lambda';
import { stepOfSaga } from '../../platform/saga/saga-step';

/** What every order saga task is given besides its own fields: the order, and the correlation id of the request that placed it. */
export type StepInput = { orderId: string; correlationId?: string };

/** A task of the order saga (see {@link stepOfSaga}). */
export function sagaStep<Input extends StepInput, Result>(step: string, core: (input: Input, context: Context) => Promise<Result>) {
  return stepOfSaga<Input, Result>(step, (input) => ({ correlationId: input.correlationId, orderId: input.orderId }), core);
}
