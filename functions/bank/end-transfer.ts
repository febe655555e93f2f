import { eventStoreFromEnv } from '../clients';
import { transferDecider, transferStreamId } from '../domain';
import { decideAndAppend, loadState } from '../eventstore';
import { failureReason, isTransferRejection, type CaughtFailure } from '../saga/failure-reason';
import { logger } from '../observability/logger';
import { deadlineOf } from '../contention/deadline';
import { applyTransferLeg } from './transfer-legs';
import { transferContext, transferStep, type TransferStepInput } from './transfer-step';

const store = eventStoreFromEnv();

/** What the person who asked for the transfer reads when it failed for a reason that is not theirs to fix. */
export const TRANSFER_FAILURE_NOTICE = 'we could not complete this transfer because of a problem on our side; the amount is back in the source account';

/**
 * What the person who asked reads when the target refused: the target is someone else's account,
 * and the rule's own words would tell its state, currency or balance.
 */
export const TARGET_REFUSED_NOTICE = 'the target account cannot take this transfer: it is closed, does not exist, holds another currency or is full';

/** `reason` is what the customer reads; `detail` is the failure itself, for operators. */
export type TransferOutcome = { transferId: string; outcome: 'rejected' | 'failed'; reason: string; detail: string };

/**
 * Transfer saga compensation, last in line (the source has its money back): a business refusal
 * (no funds, a closed or missing account, another currency) rejects the transfer with the rule's
 * own words when they are about the source (the caller's own), with a fixed notice when they are
 * about the target; anything else fails it with a fixed notice. The detail is kept for operators
 * (the execution's output, the log). Running
 * twice records nothing. It refunds first: a debit whose step timed out may have landed after
 * RefundSource found nothing to refund (a no-op when there is nothing; a debit landing after the
 * end moves nothing).
 */
export const handler = transferStep('EndTransfer', async (input: TransferStepInput & { failure?: CaughtFailure }, context): Promise<TransferOutcome> => {
  await applyTransferLeg(store, input.transferId, 'refund', transferContext(input, 'EndTransfer'), deadlineOf(context));
  const detail = failureReason(input.failure);
  const rejected = isTransferRejection(input.failure);
  const { state } = await loadState(store, transferDecider, transferStreamId(input.transferId));
  // The debit went through, so the refusal came from the target (the credit leg).
  const aboutTarget = state.status !== 'none' && state.debited;
  const reason = !rejected ? TRANSFER_FAILURE_NOTICE : aboutTarget ? TARGET_REFUSED_NOTICE : detail;
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
