import { eventStoreFromEnv } from '../../platform/clients';
import { deadlineOf } from '../../platform/contention/deadline';
import { applyTransferLeg, type LegOutcome, type TransferLeg } from './transfer-legs';
import { transferContext, transferStep, type TransferStepInput } from './transfer-step';
import { eventSchemas } from '../domain';

/**
 * The handler of a saga task that moves money: one leg of the transfer, once (see
 * applyTransferLeg). A rule the account breaks (InsufficientFunds, AccountClosed…) is thrown for
 * the state machine to catch; a lost race is tried again until shortly before the function's
 * timeout. The outcome says whether this call moved the money (see LegOutcome); the refund's
 * `credited` sends the saga on to complete the transfer instead.
 */
export function transferLegStep(step: string, leg: TransferLeg) {
  const store = eventStoreFromEnv(eventSchemas);
  return transferStep(step, async (input: TransferStepInput, context): Promise<{ outcome: LegOutcome }> => {
    const outcome = await applyTransferLeg(store, input.transferId, leg, transferContext(input, step), deadlineOf(context));
    return { outcome };
  });
}
