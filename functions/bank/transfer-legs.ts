import { accountDecider, accountStreamId, TransferNotFound, transferDecider, transferStreamId, type AccountCommand, type TransferCommand } from '../domain';
import { isLostRace, loadState, snapshotAfterAppend, type AppendContext, type EventStore } from '../eventstore';
import { retryContended } from '../stock/retry-contended';

/** A leg of a transfer: money out of the source, into the target, or back into the source. */
export type TransferLeg = 'debit' | 'credit' | 'refund';

const TRANSFER_COMMAND: Record<TransferLeg, Extract<TransferCommand['type'], 'RecordDebit' | 'RecordCredit' | 'RecordRefund'>> = { debit: 'RecordDebit', credit: 'RecordCredit', refund: 'RecordRefund' };
const ACCOUNT_COMMAND: Record<TransferLeg, Extract<AccountCommand['type'], 'DebitForTransfer' | 'CreditFromTransfer' | 'RefundTransfer'>> = {
  debit: 'DebitForTransfer',
  credit: 'CreditFromTransfer',
  refund: 'RefundTransfer',
};

/**
 * Applies one leg of a transfer, once: the transfer's stream says whether it is done already (then
 * nothing happens), the account decides whether it may happen (or throws the rule it breaks:
 * InsufficientFunds, AccountClosed…), and both streams' events are appended in ONE transaction,
 * each on the version it was decided on. A lost race is tried again, with full jitter, until
 * `deadline`. Returns whether this call applied the leg.
 */
export async function applyTransferLeg(store: EventStore, transferId: string, leg: TransferLeg, context: AppendContext, deadline: number): Promise<boolean> {
  return retryContended(
    async () => {
      const transferStream = transferStreamId(transferId);
      const transfer = await loadState(store, transferDecider, transferStream);
      if (transfer.state.status === 'none') throw new TransferNotFound({ transferId });
      const now = new Date().toISOString();
      const transferEvents = transferDecider.decide({ type: TRANSFER_COMMAND[leg], data: { transferId }, metadata: { now } }, transfer.state);
      if (transferEvents.length === 0) return false;
      const { amount, sourceAccountId, targetAccountId } = transfer.state;
      const accountId = leg === 'credit' ? targetAccountId : sourceAccountId;
      const accountStream = accountStreamId(accountId);
      const account = await loadState(store, accountDecider, accountStream);
      const accountEvents = accountDecider.decide({ type: ACCOUNT_COMMAND[leg], data: { accountId, transferId, amount }, metadata: { now } }, account.state);
      await store.append(
        [
          { streamId: transferStream, expectedVersion: transfer.version, events: transferEvents },
          { streamId: accountStream, expectedVersion: account.version, events: accountEvents },
        ],
        context,
      );
      await snapshotAfterAppend(store, accountDecider, accountStream, account.version, { state: accountEvents.reduce(accountDecider.evolve, account.state), version: account.version + accountEvents.length });
      return true;
    },
    { retryable: isLostRace, deadline },
  );
}
