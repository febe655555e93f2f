import { accountMoneyRoute } from './account-money-route';

/** POST /accounts/{id}/withdraw: takes money out of one of the caller's open accounts, never more than it holds. */
export const handler = accountMoneyRoute('Withdraw');
