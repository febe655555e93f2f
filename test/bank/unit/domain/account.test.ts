import {
  accountDecider,
  AccountAlreadyExists,
  AccountClosed,
  AccountNotEmpty,
  AccountNotFound,
  BalanceLimitReached,
  CurrencyMismatch,
  MAX_BALANCE,
  foldEvents,
  InsufficientFunds,
  InvalidMoney,
  ZeroAmount,
  type AccountCommand,
  type AccountEvent,
} from '../../../../functions/bank/domain';
import { given } from '../../../support/decider-spec';

const now = '2026-11-23T10:00:00.000Z';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const at = { metadata: { now } };
const open: AccountCommand = { type: 'OpenAccount', data: { accountId: 'a-1', ownerId: 'c-1', currency: 'EUR' }, ...at };
const opened: AccountEvent = { type: 'AccountOpened', data: { accountId: 'a-1', ownerId: 'c-1', currency: 'EUR', openedAt: now } };
const deposited = (amount: number): AccountEvent => ({ type: 'MoneyDeposited', data: { accountId: 'a-1', amount: eur(amount), depositedAt: now } });
const closed: AccountEvent = { type: 'AccountClosed', data: { accountId: 'a-1', closedAt: now } };
const deposit = (amount: number, currency = 'EUR'): AccountCommand => ({ type: 'Deposit', data: { accountId: 'a-1', amount: { amount, currency } }, ...at });
const withdraw = (amount: number): AccountCommand => ({ type: 'Withdraw', data: { accountId: 'a-1', amount: eur(amount) }, ...at });
const debit = (amount: number): AccountCommand => ({ type: 'DebitForTransfer', data: { accountId: 'a-1', transferId: 't-1', amount: eur(amount) }, ...at });
const credit = (amount: number, currency = 'EUR'): AccountCommand => ({ type: 'CreditFromTransfer', data: { accountId: 'a-1', transferId: 't-1', amount: { amount, currency } }, ...at });
const refund = (amount: number): AccountCommand => ({ type: 'RefundTransfer', data: { accountId: 'a-1', transferId: 't-1', amount: eur(amount) }, ...at });
const close: AccountCommand = { type: 'CloseAccount', data: { accountId: 'a-1' }, ...at };

describe('Account decider', () => {
  it('opens an account once, in a real currency, with a zero balance', () => {
    given(accountDecider).when(open).then([opened]);
    given(accountDecider, [opened]).when(open).thenThrows(AccountAlreadyExists);
    given(accountDecider).when({ ...open, data: { ...open.data, currency: 'XYZ' } } as AccountCommand).thenThrows(InvalidMoney);
    expect(foldEvents(accountDecider, [opened])).toEqual({ status: 'open', accountId: 'a-1', ownerId: 'c-1', currency: 'EUR', balance: 0 });
  });

  it('takes deposits in its currency, of more than zero, in integer minor units', () => {
    given(accountDecider, [opened]).when(deposit(10_00)).then([deposited(10_00)]);
    given(accountDecider, [opened]).when(deposit(10_00, 'USD')).thenThrows(CurrencyMismatch);
    given(accountDecider, [opened]).when(deposit(0)).thenThrows(ZeroAmount);
    given(accountDecider, [opened]).when(deposit(10.5)).thenThrows(InvalidMoney);
    given(accountDecider, [opened]).when(deposit(-1)).thenThrows(InvalidMoney);
    given(accountDecider).when(deposit(10_00)).thenThrows(AccountNotFound);
  });

  it('never lets a withdrawal or a transfer debit overdraw it', () => {
    given(accountDecider, [opened, deposited(10_00)]).when(withdraw(10_00)).then([{ type: 'MoneyWithdrawn', data: { accountId: 'a-1', amount: eur(10_00), withdrawnAt: now } }]);
    given(accountDecider, [opened, deposited(10_00)]).when(withdraw(10_01)).thenThrows(InsufficientFunds, /holds 1000 EUR minor units, less than the 1001/);
    given(accountDecider, [opened, deposited(10_00)]).when(debit(10_01)).thenThrows(InsufficientFunds);
    given(accountDecider, [opened, deposited(10_00)]).when(debit(4_00)).then([{ type: 'AccountDebitedForTransfer', data: { accountId: 'a-1', transferId: 't-1', amount: eur(4_00), at: now } }]);
  });

  it('moves the balance by each event, to the minor unit', () => {
    const history: AccountEvent[] = [
      opened,
      deposited(10_00),
      { type: 'AccountDebitedForTransfer', data: { accountId: 'a-1', transferId: 't-1', amount: eur(3_33), at: now } },
      { type: 'TransferRefunded', data: { accountId: 'a-1', transferId: 't-1', amount: eur(3_33), at: now } },
      { type: 'AccountCreditedFromTransfer', data: { accountId: 'a-1', transferId: 't-2', amount: eur(1), at: now } },
      { type: 'MoneyWithdrawn', data: { accountId: 'a-1', amount: eur(5_00), withdrawnAt: now } },
    ];
    expect(foldEvents(accountDecider, history)).toMatchObject({ balance: 5_01 });
  });

  it('credits a transfer only to an open account of the same currency', () => {
    given(accountDecider, [opened]).when(credit(2_00)).then([{ type: 'AccountCreditedFromTransfer', data: { accountId: 'a-1', transferId: 't-1', amount: eur(2_00), at: now } }]);
    given(accountDecider, [opened]).when(credit(2_00, 'USD')).thenThrows(CurrencyMismatch);
    given(accountDecider, [opened, closed]).when(credit(2_00)).thenThrows(AccountClosed);
    given(accountDecider).when(credit(2_00)).thenThrows(AccountNotFound);
  });

  it('holds at most MAX_BALANCE: a deposit or a credit past it is refused, a refund on top still adds up exactly', () => {
    given(accountDecider, [opened, deposited(MAX_BALANCE)]).when(deposit(1)).thenThrows(BalanceLimitReached, /may hold at most/);
    given(accountDecider, [opened, deposited(MAX_BALANCE - 5)]).when(credit(6)).thenThrows(BalanceLimitReached);
    given(accountDecider, [opened, deposited(MAX_BALANCE - 5)]).when(credit(5)).then([{ type: 'AccountCreditedFromTransfer', data: { accountId: 'a-1', transferId: 't-1', amount: eur(5), at: now } }]);
    const refundedAll: AccountEvent = { type: 'TransferRefunded', data: { accountId: 'a-1', transferId: 't-1', amount: eur(MAX_BALANCE), at: now } };
    const full = foldEvents(accountDecider, [opened, deposited(MAX_BALANCE), refundedAll]);
    expect(full.status !== 'none' && Number.isSafeInteger(full.balance)).toBe(true);
  });

  it('refunds a transfer even to an account closed since: the money came from it', () => {
    given(accountDecider, [opened, closed]).when(refund(2_00)).then([{ type: 'TransferRefunded', data: { accountId: 'a-1', transferId: 't-1', amount: eur(2_00), at: now } }]);
  });

  it('closes only an empty open account, and then takes nothing more', () => {
    given(accountDecider, [opened]).when(close).then([closed]);
    given(accountDecider, [opened, deposited(1)]).when(close).thenThrows(AccountNotEmpty);
    given(accountDecider, [opened, closed]).when(close).thenThrows(AccountClosed);
    given(accountDecider, [opened, closed]).when(deposit(1_00)).thenThrows(AccountClosed);
    // Empty when it closed, a closed account holds only what a late refund brought back, and gives it out.
    given(accountDecider, [opened, closed]).when(withdraw(1)).thenThrows(InsufficientFunds);
    const refunded: AccountEvent = { type: 'TransferRefunded', data: { accountId: 'a-1', transferId: 't-1', amount: eur(2_00), at: now } };
    given(accountDecider, [opened, closed, refunded]).when(withdraw(2_00)).then([{ type: 'MoneyWithdrawn', data: { accountId: 'a-1', amount: eur(2_00), withdrawnAt: now } }]);
  });
});
