import { assertNever } from '../../platform/domain/decider';
import { money } from '../../platform/domain/money';
import type { TransferCommand, TransferEvent, TransferState, TransferStatus } from './transfer';
import { InvalidTransfer, TransferNotFound } from './transfer-errors';

const ENDED: ReadonlySet<TransferStatus> = new Set(['completed', 'rejected', 'failed']);

/**
 * Decides a transfer command. Requesting the same transfer again records nothing (the id is the
 * idempotency key); each leg is recorded once and only in order: the debit first, then either the
 * credit or the refund of the debit, never both; completing, rejecting or failing an ended transfer records nothing.
 */
export function decideTransfer(command: TransferCommand, state: TransferState): TransferEvent[] {
  const { transferId } = command.data;
  const at = command.metadata.now;
  if (command.type === 'RequestTransfer') {
    if (state.status !== 'none') return [];
    const { sourceAccountId, targetAccountId, amount, requestedBy } = command.data;
    if (sourceAccountId === targetAccountId) throw new InvalidTransfer({ transferId, why: 'the source and the target are the same account' });
    const checked = money(amount.amount, amount.currency);
    if (checked.amount === 0) throw new InvalidTransfer({ transferId, why: 'the amount must be more than zero' });
    return [{ type: 'TransferRequested', data: { transferId, sourceAccountId, targetAccountId, amount: checked, requestedBy, requestedAt: at } }];
  }
  if (state.status === 'none') throw new TransferNotFound({ transferId });
  switch (command.type) {
    case 'RecordDebit':
      // A debit that arrives after the transfer ended (a timed-out try that ran on) moves nothing.
      if (state.debited || ENDED.has(state.status)) return [];
      return [{ type: 'TransferDebited', data: { transferId, at } }];
    case 'RecordCredit':
      if (state.credited) return [];
      if (!state.debited || state.refunded) throw new InvalidTransfer({ transferId, why: state.refunded ? 'the debit was refunded' : 'nothing was debited yet' });
      return [{ type: 'TransferCredited', data: { transferId, at } }];
    case 'RecordRefund':
      if (!state.debited || state.refunded) return [];
      if (state.credited) throw new InvalidTransfer({ transferId, why: 'the target was credited: refunding the source would create money' });
      return [{ type: 'TransferDebitRefunded', data: { transferId, at } }];
    case 'CompleteTransfer':
      if (state.status === 'completed') return [];
      if (!state.credited) throw new InvalidTransfer({ transferId, why: 'the target was not credited' });
      return [{ type: 'TransferCompleted', data: { transferId, at } }];
    case 'RejectTransfer':
    case 'FailTransfer':
      if (ENDED.has(state.status)) return [];
      if (state.debited && !state.refunded) throw new InvalidTransfer({ transferId, why: `the debit must be refunded before the transfer ${command.type === 'RejectTransfer' ? 'is rejected' : 'fails'}` });
      return [{ type: command.type === 'RejectTransfer' ? 'TransferRejected' : 'TransferFailed', data: { transferId, reason: command.data.reason, at } }];
    default:
      return assertNever(command);
  }
}
