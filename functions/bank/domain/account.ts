import { assertNever } from '../../platform/domain/decider';
import type { Money } from '../../platform/domain/money';

/** Why money left or reached an account through a transfer leg. */
export type TransferLeg = { transferId: string; amount: Money; at: string };

export type AccountEvent =
  | { type: 'AccountOpened'; data: { accountId: string; ownerId: string; currency: string; openedAt: string } }
  | { type: 'MoneyDeposited'; data: { accountId: string; amount: Money; depositedAt: string } }
  | { type: 'MoneyWithdrawn'; data: { accountId: string; amount: Money; withdrawnAt: string } }
  | { type: 'AccountDebitedForTransfer'; data: { accountId: string } & TransferLeg }
  | { type: 'AccountCreditedFromTransfer'; data: { accountId: string } & TransferLeg }
  | { type: 'TransferRefunded'; data: { accountId: string } & TransferLeg }
  | { type: 'AccountClosed'; data: { accountId: string; closedAt: string } };

type At = { metadata: { now: string } };

/**
 * The commands of an account. The transfer legs are decided on the account's rules only (balance,
 * status, currency); that each happens once per transfer is the transfer's own stream's business
 * (see transfer.ts), appended in the same transaction, so the account's state stays a balance.
 */
export type AccountCommand =
  | ({ type: 'OpenAccount'; data: { accountId: string; ownerId: string; currency: string } } & At)
  | ({ type: 'Deposit'; data: { accountId: string; amount: Money } } & At)
  | ({ type: 'Withdraw'; data: { accountId: string; amount: Money } } & At)
  | ({ type: 'CloseAccount'; data: { accountId: string } } & At)
  | ({ type: 'DebitForTransfer'; data: { accountId: string; transferId: string; amount: Money } } & At)
  | ({ type: 'CreditFromTransfer'; data: { accountId: string; transferId: string; amount: Money } } & At)
  | ({ type: 'RefundTransfer'; data: { accountId: string; transferId: string; amount: Money } } & At);

/** An account: none yet, or open or closed with its owner, currency and balance (minor units). */
export type AccountState = { status: 'none' } | OpenedAccount;

/** An account that was opened: open, or closed since. */
export type OpenedAccount = { status: 'open' | 'closed'; accountId: string; ownerId: string; currency: string; balance: number };

export const initialAccountState: AccountState = { status: 'none' };

/** Applies one account event: the balance moves by the amount, in the account's currency. */
export function evolveAccount(state: AccountState, event: AccountEvent): AccountState {
  if (event.type === 'AccountOpened') {
    const { accountId, ownerId, currency } = event.data;
    return { status: 'open', accountId, ownerId, currency, balance: 0 };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'MoneyDeposited':
    case 'AccountCreditedFromTransfer':
    case 'TransferRefunded':
      return { ...state, balance: state.balance + event.data.amount.amount };
    case 'MoneyWithdrawn':
    case 'AccountDebitedForTransfer':
      return { ...state, balance: state.balance - event.data.amount.amount };
    case 'AccountClosed':
      return { ...state, status: 'closed' };
    default:
      return assertNever(event);
  }
}
