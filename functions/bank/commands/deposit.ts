import { accountMoneyRoute } from './account-money-route';

/** POST /accounts/{id}/deposit: puts money into one of the caller's open accounts. */
export const handler = accountMoneyRoute('Deposit');
