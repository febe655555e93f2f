import type { AccountEvent, TransferEvent } from '../../../../functions/bank/domain';
import { applyAccountEvent, type AccountView } from '../../../../functions/bank/projections/account-view';
import { transactionOf, transactionSeq } from '../../../../functions/bank/projections/transaction-view';
import { applyTransferEvent, type TransferView } from '../../../../functions/bank/projections/transfer-view';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const at = '2026-11-22T10:00:00.000Z';
/** The time of the event at a version, different for each, so a view shows which event it took it from. */
const atVersion = (version: number) => `2026-11-${String(10 + version).padStart(2, '0')}T10:00:00.000Z`;

function foldAccount(events: AccountEvent[]): AccountView | undefined {
  return events.reduce<AccountView | undefined>((view, event, i) => applyAccountEvent(view, event, { version: i + 1, at: atVersion(i + 1) }), undefined);
}
function foldTransfer(events: TransferEvent[]): TransferView | undefined {
  return events.reduce<TransferView | undefined>((view, event, i) => applyTransferEvent(view, event, { version: i + 1, at: atVersion(i + 1) }), undefined);
}

const opened: AccountEvent = { type: 'AccountOpened', data: { accountId: 'a-1', ownerId: 'c-1', currency: 'EUR', openedAt: at } };
const deposited = (amount: number): AccountEvent => ({ type: 'MoneyDeposited', data: { accountId: 'a-1', amount: eur(amount), depositedAt: at } });
const withdrawn = (amount: number): AccountEvent => ({ type: 'MoneyWithdrawn', data: { accountId: 'a-1', amount: eur(amount), withdrawnAt: at } });
const debited = (amount: number, transferId = 't-1'): AccountEvent => ({ type: 'AccountDebitedForTransfer', data: { accountId: 'a-1', transferId, amount: eur(amount), at } });
const credited = (amount: number, transferId = 't-2'): AccountEvent => ({ type: 'AccountCreditedFromTransfer', data: { accountId: 'a-1', transferId, amount: eur(amount), at } });
const refunded = (amount: number, transferId = 't-1'): AccountEvent => ({ type: 'TransferRefunded', data: { accountId: 'a-1', transferId, amount: eur(amount), at } });
const closed: AccountEvent = { type: 'AccountClosed', data: { accountId: 'a-1', closedAt: at } };

describe('the accounts view', () => {
  it('opens with a zero balance, at the version and time of the opening', () => {
    expect(foldAccount([opened])).toEqual({ accountId: 'a-1', ownerId: 'c-1', currency: 'EUR', balance: 0, status: 'open', openedAt: at, updatedAt: atVersion(1), version: 1 });
  });

  it('moves the balance by every money event, in and out, to the minor unit', () => {
    const view = foldAccount([opened, deposited(100_00), withdrawn(12_34), debited(30_00), credited(5_55), refunded(30_00)]);
    expect(view).toEqual({ accountId: 'a-1', ownerId: 'c-1', currency: 'EUR', balance: 100_00 - 12_34 - 30_00 + 5_55 + 30_00, status: 'open', openedAt: at, updatedAt: atVersion(6), version: 6 });
  });

  it('shows a closed account with the balance it closed on, at the version of the closing', () => {
    const view = foldAccount([opened, deposited(10_00), withdrawn(10_00), closed]);
    expect(view).toMatchObject({ balance: 0, status: 'closed', version: 4, updatedAt: atVersion(4), openedAt: at });
  });

  it('still takes a refund on a closed account (the decider allows it: the money must not be lost)', () => {
    expect(foldAccount([opened, deposited(10_00), debited(10_00), closed, refunded(10_00)])).toMatchObject({ balance: 10_00, status: 'closed', version: 5 });
  });

  it('refuses every event that has no opened account to apply to', () => {
    for (const event of [deposited(1_00), withdrawn(1_00), debited(1_00), credited(1_00), refunded(1_00), closed]) {
      expect(() => applyAccountEvent(undefined, event, { version: 2, at })).toThrow(new RegExp(`^${event.type} at version 2 has no AccountOpened before it`));
    }
  });
});

describe('the transfers view', () => {
  const requested: TransferEvent = { type: 'TransferRequested', data: { transferId: 't-1', sourceAccountId: 'a-1', targetAccountId: 'a-2', amount: eur(25_00), requestedBy: 'c-1', requestedAt: at } };
  const leg = (type: 'TransferDebited' | 'TransferCredited' | 'TransferDebitRefunded' | 'TransferCompleted'): TransferEvent => ({ type, data: { transferId: 't-1', at } });

  it('shows a requested transfer with its accounts, amount and requester', () => {
    expect(foldTransfer([requested])).toEqual({ transferId: 't-1', sourceAccountId: 'a-1', targetAccountId: 'a-2', amount: eur(25_00), requestedBy: 'c-1', requestedAt: at, status: 'requested', updatedAt: atVersion(1), version: 1 });
  });

  it('follows the forward path to completed, one status per leg, tracking the version', () => {
    const path = [requested, leg('TransferDebited'), leg('TransferCredited'), leg('TransferCompleted')];
    const statuses = path.map((_, i) => foldTransfer(path.slice(0, i + 1))?.status);
    expect(statuses).toEqual(['requested', 'debited', 'credited', 'completed']);
    const view = foldTransfer(path);
    expect(view).toMatchObject({ status: 'completed', version: 4, updatedAt: atVersion(4), requestedAt: at });
    expect(view).not.toHaveProperty('reason');
  });

  it('keeps the reason of a rejection', () => {
    const view = foldTransfer([requested, { type: 'TransferRejected', data: { transferId: 't-1', reason: 'insufficient funds', at } }]);
    expect(view).toMatchObject({ status: 'rejected', reason: 'insufficient funds', version: 2 });
  });

  it('keeps the reason of a failure after the debit was refunded', () => {
    const path = [requested, leg('TransferDebited'), leg('TransferDebitRefunded'), { type: 'TransferFailed', data: { transferId: 't-1', reason: 'the credit step crashed', at } } as const];
    expect(foldTransfer(path.slice(0, 3))).toMatchObject({ status: 'refunded', version: 3 });
    expect(foldTransfer(path)).toMatchObject({ status: 'failed', reason: 'the credit step crashed', version: 4, updatedAt: atVersion(4) });
  });

  it('refuses an event that has no requested transfer to apply to', () => {
    expect(() => applyTransferEvent(undefined, leg('TransferDebited'), { version: 2, at })).toThrow(/^TransferDebited at version 2 has no TransferRequested before it/);
  });
});

describe('the transactions view', () => {
  const meta = { version: 7, at: atVersion(7) };
  const row = { feed: 'all', accountId: 'a-1', seq: transactionSeq(7), version: 7, at: atVersion(7) };

  it('makes one transaction of each event that moves money: its kind, direction and (never negative) amount', () => {
    expect(transactionOf('a-1', deposited(10_00), meta)).toStrictEqual({ ...row, kind: 'deposit', direction: 'in', amount: eur(10_00) });
    expect(transactionOf('a-1', withdrawn(4_00), meta)).toStrictEqual({ ...row, kind: 'withdrawal', direction: 'out', amount: eur(4_00) });
  });

  it('names the transfer of each transfer leg', () => {
    expect(transactionOf('a-1', debited(3_00, 't-9'), meta)).toStrictEqual({ ...row, kind: 'transfer-out', direction: 'out', amount: eur(3_00), transferId: 't-9' });
    expect(transactionOf('a-1', credited(2_00, 't-8'), meta)).toStrictEqual({ ...row, kind: 'transfer-in', direction: 'in', amount: eur(2_00), transferId: 't-8' });
    expect(transactionOf('a-1', refunded(3_00, 't-9'), meta)).toStrictEqual({ ...row, kind: 'transfer-refund', direction: 'in', amount: eur(3_00), transferId: 't-9' });
  });

  it('refuses an amount that is not money, so that the event is parked and not written half', () => {
    const broken = { type: 'MoneyDeposited', data: { accountId: 'a-1', depositedAt: at } } as unknown as Parameters<typeof transactionOf>[1];
    expect(() => transactionOf('a-1', broken, meta)).toThrow(/is not an amount/);
  });

  it('makes no transaction of an event that moves no money', () => {
    expect(transactionOf('a-1', opened, meta)).toBeUndefined();
    expect(transactionOf('a-1', closed, meta)).toBeUndefined();
  });

  it('keys a transaction by a seq that sorts as its version does, as DynamoDB sorts strings', () => {
    expect(transactionSeq(9) < transactionSeq(10)).toBe(true);
    expect(transactionSeq(99) < transactionSeq(100)).toBe(true);
    const versions = [10, 2, 100, 9, 1, 11, 123_456];
    const bySeq = versions.map(transactionSeq).sort();
    expect(bySeq).toEqual([...versions].sort((a, b) => a - b).map(transactionSeq));
    expect(transactionOf('a-1', deposited(1_00), { version: 10, at })?.seq).toBe(transactionSeq(10));
  });
});
