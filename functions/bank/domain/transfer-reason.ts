import type { TransferState } from './transfer';

/** What the person who asked for the transfer reads when it failed for a reason that is not theirs to fix. */
export const TRANSFER_FAILURE_NOTICE = 'we could not complete this transfer because of a problem on our side; the amount is back in the source account';

/**
 * What the person who asked reads when the target refused: the target is someone else's account,
 * and the rule's own words would tell its state, currency or balance.
 */
export const TARGET_REFUSED_NOTICE = 'the target account cannot take this transfer: it is closed, does not exist, holds another currency or is full';

/**
 * The reason a transfer that did not complete gives the person who asked for it: a fixed notice
 * for a failure that is not a rule's; for a rule's refusal, its own words when they are about the
 * source (the caller's own account), and a fixed notice when the debit went through, so that the
 * refusal came from the target.
 */
export function transferEndReason(state: TransferState, failure: { rejected: boolean; detail: string }): string {
  if (!failure.rejected) return TRANSFER_FAILURE_NOTICE;
  return state.status !== 'none' && state.debited ? TARGET_REFUSED_NOTICE : failure.detail;
}
