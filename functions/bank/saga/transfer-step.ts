import type { Context } from 'aws-lambda';
import type { AppendContext } from '../../platform/eventstore';
import { stepOfSaga } from '../../platform/saga/saga-step';

/** What every transfer saga task is given: the transfer, and the correlation id of the request that asked for it. */
export type TransferStepInput = { transferId: string; correlationId?: string };

/** The transfer saga's input, as its starter builds it from TransferRequested: the legs read the rest from the transfer's stream. */
export type TransferSagaInput = { transferId: string; correlationId: string };

/** A task of the transfer saga: its log lines carry the transfer id and the correlation id. */
export function transferStep<Input extends TransferStepInput, Result>(step: string, core: (input: Input, context: Context) => Promise<Result>) {
  return stepOfSaga<Input, Result>(step, (input) => ({ correlationId: input.correlationId, transferId: input.transferId }), core);
}

/** Events the transfer saga appends carry the correlation id of the request that asked for the transfer. */
export function transferContext(input: TransferStepInput, step: string): AppendContext {
  return { correlationId: input.correlationId ?? input.transferId, causationId: `transfer-saga:${step}`, actor: 'transfer-saga' };
}
