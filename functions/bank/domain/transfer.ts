import { assertNever } from '../../platform/domain/decider';
import type { Money } from '../../platform/domain/money';

/** A money transfer between two accounts, as its saga moves it: each leg recorded once. */
export type TransferEvent =
  | { type: 'TransferRequested'; data: { transferId: string; sourceAccountId: string; targetAccountId: string; amount: Money; requestedBy: string; requestedAt: string } }
  | { type: 'TransferDebited'; data: { transferId: string; at: string } }
  | { type: 'TransferCredited'; data: { transferId: string; at: string } }
  | { type: 'TransferDebitRefunded'; data: { transferId: string; at: string } }
  | { type: 'TransferCompleted'; data: { transferId: string; at: string } }
  | { type: 'TransferRejected'; data: { transferId: string; reason: string; at: string } }
  | { type: 'TransferFailed'; data: { transferId: string; reason: string; at: string } };

type At = { metadata: { now: string } };

/**
 * The transfer's own commands. The legs (RecordDebit, RecordCredit, RecordRefund) are appended in
 * the same transaction as the account event they record (see account.ts): the transfer stream is
 * what makes each leg happen once per transfer, however often the saga retries it.
 */
export type TransferCommand =
  | ({ type: 'RequestTransfer'; data: { transferId: string; sourceAccountId: string; targetAccountId: string; amount: Money; requestedBy: string } } & At)
  | ({ type: 'RecordDebit'; data: { transferId: string } } & At)
  | ({ type: 'RecordCredit'; data: { transferId: string } } & At)
  | ({ type: 'RecordRefund'; data: { transferId: string } } & At)
  | ({ type: 'CompleteTransfer'; data: { transferId: string } } & At)
  | ({ type: 'RejectTransfer'; data: { transferId: string; reason: string } } & At)
  | ({ type: 'FailTransfer'; data: { transferId: string; reason: string } } & At);

/**
 * Where a transfer is. It ends `completed`, `rejected` (a business rule refused it: no funds, a
 * closed target…) or `failed` (anything else: a crash, a service down); both of the last two
 * only once the source holds its money again.
 */
export type TransferStatus = 'requested' | 'debited' | 'credited' | 'refunded' | 'completed' | 'rejected' | 'failed';

export type TransferState =
  | { status: 'none' }
  | { status: TransferStatus; transferId: string; sourceAccountId: string; targetAccountId: string; amount: Money; debited: boolean; credited: boolean; refunded: boolean; reason?: string };

export const initialTransferState: TransferState = { status: 'none' };

/** Applies one transfer event. */
export function evolveTransfer(state: TransferState, event: TransferEvent): TransferState {
  if (event.type === 'TransferRequested') {
    const { transferId, sourceAccountId, targetAccountId, amount } = event.data;
    return { status: 'requested', transferId, sourceAccountId, targetAccountId, amount, debited: false, credited: false, refunded: false };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'TransferDebited':
      return { ...state, status: 'debited', debited: true };
    case 'TransferCredited':
      return { ...state, status: 'credited', credited: true };
    case 'TransferDebitRefunded':
      return { ...state, status: 'refunded', refunded: true };
    case 'TransferCompleted':
      return { ...state, status: 'completed' };
    case 'TransferRejected':
      return { ...state, status: 'rejected', reason: event.data.reason };
    case 'TransferFailed':
      return { ...state, status: 'failed', reason: event.data.reason };
    default:
      return assertNever(event);
  }
}
