import { eventStoreFromEnv } from '../../platform/clients';
import { transferDecider, transferEndReason, transferStreamId, eventSchemas } from '../domain';
import { decideAndAppend, loadState } from '../../platform/eventstore';
import { failureReason, type CaughtFailure } from '../../platform/saga/failure-reason';
import { isTransferRejection } from './transfer-rejection';
import { logger } from '../../platform/observability/logger';
import { deadlineOf } from '../../platform/contention/deadline';
import { applyTransferLeg } from './transfer-legs';
import { transferContext, transferStep, type TransferStepInput } from './transfer-step';

const store = eventStoreFromEnv(eventSchemas);

/** `reason` is what the customer reads; `detail` is the failure itself, for operators. */
export type TransferOutcome = { transferId: string; outcome: 'rejected' | 'failed'; reason: string; detail: string };

/**
 * Transfer saga compensation, last in line: a business refusal (no funds, a closed or missing
 * account, another currency) rejects the transfer, anything else fails it, with the reason the
 * domain gives the person who asked (transferEndReason); the detail is kept for operators (the
 * execution's output, the log). It refunds first: a debit whose step timed out may have landed
 * after RefundSource found nothing to refund (a no-op when there is nothing; a debit landing after
 * the end moves nothing). Running twice records nothing.
 */
export const handler = transferStep('EndTransfer', async (input: TransferStepInput & { failure?: CaughtFailure }, context): Promise<TransferOutcome> => {
  await applyTransferLeg(store, input.transferId, 'refund', transferContext(input, 'EndTransfer'), deadlineOf(context));
  const detail = failureReason(input.failure);
  const rejected = isTransferRejection(input.failure);
  const { state } = await loadState(store, transferDecider, transferStreamId(input.transferId));
  const reason = transferEndReason(state, { rejected, detail });
  if (!rejected) logger.error('transfer saga failed; failing the transfer', { error: input.failure?.Error, detail });
  const now = new Date().toISOString();
  const data = { transferId: input.transferId, reason };
  await decideAndAppend({
    store,
    decider: transferDecider,
    streamId: transferStreamId(input.transferId),
    command: rejected ? { type: 'RejectTransfer', data, metadata: { now } } : { type: 'FailTransfer', data, metadata: { now } },
    context: transferContext(input, 'EndTransfer'),
  });
  return { transferId: input.transferId, outcome: rejected ? 'rejected' : 'failed', reason, detail };
});
