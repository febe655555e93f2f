import { AccountAlreadyExists, AccountClosed, AccountNotEmpty, AccountNotFound, BalanceLimitReached, InsufficientFunds, ZeroAmount } from './account-errors';
import type { AccountCommand, AccountEvent, AccountState, OpenedAccount } from './account';
import { assertNever } from '../../platform/domain/decider';
import { CurrencyMismatch } from '../../platform/domain/errors';
import { money, type Money } from '../../platform/domain/money';

type OpenAccount = OpenedAccount & { status: 'open' };

/**
 * The most an account may hold, in minor units: half of 2^53 − 1, so that a refund of anything
 * it gave (at most this much) on top still adds up exactly.
 */
export const MAX_BALANCE = Math.floor(Number.MAX_SAFE_INTEGER / 2);

/**
 * Decides an account command, or throws the rule it breaks: an account is opened once, by its
 * owner, in one currency; money moves only on an open account, in its currency, by more than
 * zero; nothing leaves it that it does not hold (no overdraft), nothing comes in past
 * MAX_BALANCE; it closes only empty. A refund goes back even to a closed account (the money was
 * taken from it and must not be lost), and what a closed account holds can still be withdrawn.
 */
export function decideAccount(command: AccountCommand, state: AccountState): AccountEvent[] {
  const now = command.metadata.now;
  switch (command.type) {
    case 'OpenAccount': {
      if (state.status !== 'none') throw new AccountAlreadyExists({ accountId: command.data.accountId });
      money(0, command.data.currency);
      return [{ type: 'AccountOpened', data: { ...command.data, openedAt: now } }];
    }
    case 'Deposit': {
      const account = open(state, command.data.accountId);
      return [{ type: 'MoneyDeposited', data: { accountId: account.accountId, amount: fitting(account, moving(account, command.data.amount)), depositedAt: now } }];
    }
    case 'Withdraw': {
      // A closed account may still hold what a late refund brought back: it can be taken out.
      if (state.status === 'none') throw new AccountNotFound({ accountId: command.data.accountId });
      return [{ type: 'MoneyWithdrawn', data: { accountId: state.accountId, amount: covered(state, moving(state, command.data.amount)), withdrawnAt: now } }];
    }
    case 'CloseAccount': {
      const account = open(state, command.data.accountId);
      if (account.balance !== 0) throw new AccountNotEmpty({ accountId: account.accountId, balance: account.balance, currency: account.currency });
      return [{ type: 'AccountClosed', data: { accountId: account.accountId, closedAt: now } }];
    }
    case 'DebitForTransfer': {
      const account = open(state, command.data.accountId);
      const amount = covered(account, moving(account, command.data.amount));
      return [{ type: 'AccountDebitedForTransfer', data: { accountId: account.accountId, transferId: command.data.transferId, amount, at: now } }];
    }
    case 'CreditFromTransfer': {
      const account = open(state, command.data.accountId);
      return [{ type: 'AccountCreditedFromTransfer', data: { accountId: account.accountId, transferId: command.data.transferId, amount: fitting(account, moving(account, command.data.amount)), at: now } }];
    }
    case 'RefundTransfer': {
      if (state.status === 'none') throw new AccountNotFound({ accountId: command.data.accountId });
      return [{ type: 'TransferRefunded', data: { accountId: state.accountId, transferId: command.data.transferId, amount: moving(state, command.data.amount), at: now } }];
    }
    default:
      return assertNever(command);
  }
}

function open(state: AccountState, accountId: string): OpenAccount {
  if (state.status === 'none') throw new AccountNotFound({ accountId });
  if (state.status === 'closed') throw new AccountClosed({ accountId });
  return { ...state, status: 'open' };
}

/** An amount that may move on this account: real money, in its currency, more than zero. */
function moving(account: { accountId: string; currency: string }, amount: Money): Money {
  const checked = money(amount.amount, amount.currency);
  if (checked.currency !== account.currency) throw new CurrencyMismatch({ expected: account.currency, actual: checked.currency });
  if (checked.amount === 0) throw new ZeroAmount({ accountId: account.accountId });
  return checked;
}

/** The amount, if the balance covers it. */
function covered(account: OpenedAccount, amount: Money): Money {
  if (amount.amount > account.balance) throw new InsufficientFunds({ accountId: account.accountId, balance: account.balance, amount: amount.amount, currency: account.currency });
  return amount;
}

/** The amount, if the account may take it without passing MAX_BALANCE. */
function fitting(account: OpenAccount, amount: Money): Money {
  if (account.balance + amount.amount > MAX_BALANCE) {
    throw new BalanceLimitReached({ accountId: account.accountId, balance: account.balance, amount: amount.amount, limit: MAX_BALANCE, currency: account.currency });
  }
  return amount;
}
