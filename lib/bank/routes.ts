import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ContextRoute } from '../platform/context-routes';

/** What a route's function may touch; who may call it is decided in the handler (the platform's ownership rule). */
export type BankBinding = 'command' | 'history' | 'accounts' | 'transfers' | 'transfer';

/** The bank's routes: commands append to its store, queries read its views, history reads its store. */
export const BANK_ROUTES: ContextRoute<BankBinding>[] = [
  { method: HttpMethod.POST, path: '/accounts', id: 'OpenAccount', entry: 'bank/commands/open-account.ts', description: 'POST /accounts: opens an account for the caller', binding: 'command' },
  { method: HttpMethod.POST, path: '/accounts/{id}/deposit', id: 'Deposit', entry: 'bank/commands/deposit.ts', description: 'POST /accounts/{id}/deposit: puts money into an account', binding: 'command' },
  { method: HttpMethod.POST, path: '/accounts/{id}/withdraw', id: 'Withdraw', entry: 'bank/commands/withdraw.ts', description: 'POST /accounts/{id}/withdraw: takes money out of an account', binding: 'command' },
  { method: HttpMethod.POST, path: '/accounts/{id}/close', id: 'CloseAccount', entry: 'bank/commands/close-account.ts', description: 'POST /accounts/{id}/close: closes an empty account', binding: 'command' },
  { method: HttpMethod.GET, path: '/accounts', id: 'ListAccounts', entry: 'bank/queries/list-accounts.ts', description: "GET /accounts: the caller's accounts; anyone's for admins", binding: 'accounts' },
  { method: HttpMethod.GET, path: '/accounts/{id}', id: 'GetAccount', entry: 'bank/queries/get-account.ts', description: 'GET /accounts/{id}: one account from the accounts view', binding: 'accounts' },
  { method: HttpMethod.GET, path: '/accounts/{id}/transactions', id: 'GetAccountTransactions', entry: 'bank/queries/get-account-transactions.ts', description: "GET /accounts/{id}/transactions: an account's money movements, newest first", binding: 'accounts' },
  { method: HttpMethod.GET, path: '/transactions', id: 'ListTransactions', entry: 'bank/queries/list-transactions.ts', description: "GET /transactions: every account's transactions, newest first (admins)", binding: 'accounts' },
  { method: HttpMethod.GET, path: '/accounts/{id}/events', id: 'GetAccountEvents', entry: 'bank/queries/get-account-events.ts', description: 'GET /accounts/{id}/events: the account stream, oldest first', binding: 'history' },
  { method: HttpMethod.POST, path: '/transfers', id: 'RequestTransfer', entry: 'bank/commands/request-transfer.ts', description: 'POST /transfers: asks for a transfer and starts its saga', binding: 'command', waits: true },
  { method: HttpMethod.GET, path: '/transfers', id: 'ListTransfers', entry: 'bank/queries/list-transfers.ts', description: "GET /transfers: the caller's transfers by status; anyone's for admins", binding: 'transfers' },
  { method: HttpMethod.GET, path: '/transfers/{id}', id: 'GetTransfer', entry: 'bank/queries/get-transfer.ts', description: 'GET /transfers/{id}: one transfer with its saga', binding: 'transfer' },
];
