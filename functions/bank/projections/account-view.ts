import { assertNever, type AccountEvent } from '../domain';

/** A row of the accounts view: what `GET /accounts/{id}` answers (balance in minor units of `currency`). */
export type AccountView = {
  accountId: string;
  ownerId: string;
  currency: string;
  balance: number;
  status: 'open' | 'closed';
  openedAt: string;
  updatedAt: string;
  version: number;
};

/** Folds one account event into the view row (pure; the caller guarantees version order). */
export function applyAccountEvent(view: AccountView | undefined, event: AccountEvent, meta: { version: number; at: string }): AccountView {
  if (event.type === 'AccountOpened') {
    const { accountId, ownerId, currency, openedAt } = event.data;
    return { accountId, ownerId, currency, balance: 0, status: 'open', openedAt, updatedAt: meta.at, version: meta.version };
  }
  if (!view) throw new Error(`${event.type} at version ${meta.version} has no AccountOpened before it`);
  const moved = (by: number): AccountView => ({ ...view, balance: view.balance + by, updatedAt: meta.at, version: meta.version });
  switch (event.type) {
    case 'MoneyDeposited':
    case 'AccountCreditedFromTransfer':
    case 'TransferRefunded':
      return moved(event.data.amount.amount);
    case 'MoneyWithdrawn':
    case 'AccountDebitedForTransfer':
      return moved(-event.data.amount.amount);
    case 'AccountClosed':
      return { ...view, status: 'closed', updatedAt: meta.at, version: meta.version };
    default:
      return assertNever(event);
  }
}
