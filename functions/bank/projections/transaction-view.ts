import { money, type AccountEvent, type Money } from '../domain';

/** What moved money on an account. */
export type TransactionKind = 'deposit' | 'withdrawal' | 'transfer-out' | 'transfer-in' | 'transfer-refund';

/**
 * A row of the transactions view: one per event that moved money on an account, keyed by the
 * account and the event's version (`seq`, zero-padded so it sorts: newest first is a descending
 * query). `amount` is what moved (never negative); `direction` says whether it came in or went out.
 */
export type TransactionRow = {
  /** The same for every transaction: the partition of the index that lists them all by time (GET /transactions). */
  feed: typeof TRANSACTIONS_FEED;
  accountId: string;
  seq: string;
  version: number;
  kind: TransactionKind;
  direction: 'in' | 'out';
  amount: Money;
  at: string;
  transferId?: string;
};

/**
 * The one partition of the index of all transactions by time. One partition takes about 1000
 * writes a second; past that, shard it by a suffix and merge the pages.
 */
export const TRANSACTIONS_FEED = 'all';

/** The sort key of an account's transaction at this version. */
export const transactionSeq = (version: number): string => String(version).padStart(12, '0');

/**
 * The transaction an account event is, on the account its stream is (`accountId`), or undefined
 * for one that moves no money (opened, closed). Pure; throws on an amount that is not money (the
 * event is poison).
 */
export function transactionOf(accountId: string, event: AccountEvent, meta: { version: number; at: string }): TransactionRow | undefined {
  const row = (kind: TransactionKind, amount: Money, direction: 'in' | 'out', transferId?: string): TransactionRow => ({
    feed: TRANSACTIONS_FEED,
    accountId,
    seq: transactionSeq(meta.version),
    version: meta.version,
    kind,
    direction,
    amount: money(amount?.amount, amount?.currency),
    at: meta.at,
    ...(transferId ? { transferId } : {}),
  });
  switch (event.type) {
    case 'MoneyDeposited':
      return row('deposit', event.data.amount, 'in');
    case 'MoneyWithdrawn':
      return row('withdrawal', event.data.amount, 'out');
    case 'AccountDebitedForTransfer':
      return row('transfer-out', event.data.amount, 'out', event.data.transferId);
    case 'AccountCreditedFromTransfer':
      return row('transfer-in', event.data.amount, 'in', event.data.transferId);
    case 'TransferRefunded':
      return row('transfer-refund', event.data.amount, 'in', event.data.transferId);
    default:
      return undefined;
  }
}
