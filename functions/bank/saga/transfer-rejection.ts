import type { CaughtFailure } from '../../platform/saga/failure-reason';
import { TRANSFER_REJECTIONS } from '../contract/saga-errors';

const TRANSFER_REFUSALS: ReadonlySet<string> = new Set(TRANSFER_REJECTIONS);

/** Whether a transfer saga's failure is a business rule's refusal (the transfer is rejected, not failed). */
export function isTransferRejection(failure: CaughtFailure | undefined): boolean {
  return TRANSFER_REFUSALS.has(failure?.Error ?? '');
}
