import { accountDecider, accountStreamId, TransferNotFound, transferDecider, transferStreamId, type AccountCommand, type TransferCommand } from '../domain';
import { isLostRace, loadState, snapshotAfterAppend, type AppendContext, type EventStore } from '../../platform/eventstore';
import { retryContended } from '../../platform/contention/retry-contended';

/** A leg of a transfer: money out of the source, into the target, or back into the source. */
export type TransferLeg = 'debit' | 'credit' | 'refund';

/**
 * What a call did: moved the money (`applied`), found it moved already or not to be moved
 * (`unchanged`: a retry, a refund with nothing debited, a debit after the transfer ended), or,
 * for a refund, found the target credited after all (`credited`: a credit step that failed after
 * its write), so that there is nothing to refund and the transfer is to be completed.
 */
export type LegOutcome = 'applied' | 'unchanged' | 'credited';

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
 * `deadline`.
 */
export async function applyTransferLeg(store: EventStore, transferId: string, leg: TransferLeg, context: AppendContext, deadline: number): Promise<LegOutcome> {
  return retryContended(
    async (): Promise<LegOutcome> => {
      const transferStream = transferStreamId(transferId);
      const transfer = await loadState(store, transferDecider, transferStream);
      if (transfer.state.status === 'none') throw new TransferNotFound({ transferId });
      // Refunding a credited transfer would create money: the transfer goes on to completion instead.
      if (leg === 'refund' && transfer.state.credited) return 'credited';
      const now = new Date().toISOString();
      const transferEvents = transferDecider.decide({ type: TRANSFER_COMMAND[leg], data: { transferId }, metadata: { now } }, transfer.state);
      if (transferEvents.length === 0) return 'unchanged';
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
      return 'applied';
    },
    { retryable: isLostRace, deadline },
  );
}
