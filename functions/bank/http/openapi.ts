import type { ApiOperation } from '../../platform/http/openapi/operation';
import type { Assert, Fits } from '../../platform/http/openapi/fits';
import type { AccountState, TransferState } from '../domain';
import { EXAMPLES, TRANSFER_DETAILS } from './examples';
import { ListAccountsQuery, ListTransfersQuery, MoneyBody, OpenAccountBody, PageQuery, TransferBody } from './requests';
import { AccountHistory, AccountPage, AccountResource, AccountTransactions, AccountView, TransactionPage, TransferDetails, TransferPage, TransferResource } from './responses';
import { AccountId, TransferId } from './schemas';

/** A command answers the state of its stream with its version: the schema must describe every state the domain has. */
export type CommandAnswersFit = [
  Assert<Fits<Exclude<AccountState, { status: 'none' }> & { version: number }, typeof AccountResource>>,
  Assert<Fits<Exclude<TransferState, { status: 'none' }> & { version: number }, typeof TransferResource>>,
];

const tag = 'bank';
const account = { id: AccountId };
const accountAnswer = (description: string, example: unknown = EXAMPLES.account) => ({ description, schema: AccountResource, headers: ['etag', 'location'] as const, example });
const moneyProblems = [400, 404, 409, 412, 415, 422, 428] as const;

/** The answers the document names (components.schemas), for clients to generate types from. */
export const BANK_SCHEMAS = { Account: AccountResource, Transfer: TransferResource, AccountView, AccountPage, AccountTransactions, TransactionPage, TransferView: TransferDetails, TransferPage, AccountHistory };

/** The bank's part of the API document: each route of lib/bank/routes.ts, from the schemas its handler uses. */
export const BANK_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'post', path: '/accounts', operationId: 'OpenAccount', tag, access: 'signed-in', idempotencyKey: 'optional',
    summary: 'Open an account for the caller (balance 0)',
    body: { schema: OpenAccountBody, example: { currency: 'EUR' } },
    responses: { 201: accountAnswer('Opened', { ...EXAMPLES.account, balance: 0, version: 1 }) },
    problems: [400, 409, 415, 422],
  },
  {
    method: 'post', path: '/accounts/{id}/deposit', operationId: 'Deposit', tag, access: 'signed-in', idempotencyKey: 'required', ifMatch: true,
    summary: 'Put money into an account (an Idempotency-Key is required)',
    description: 'More than 0, in the account\'s currency, on an open account; an account holds at most half of 2^53 − 1 minor units (409 past it).',
    pathParameters: account,
    body: { schema: MoneyBody, example: { amount: { amount: 10000, currency: 'EUR' } } },
    responses: { 200: accountAnswer('Deposited') },
    problems: moneyProblems,
  },
  {
    method: 'post', path: '/accounts/{id}/withdraw', operationId: 'Withdraw', tag, access: 'signed-in', idempotencyKey: 'required', ifMatch: true,
    summary: 'Take money out of an account, never more than its balance (an Idempotency-Key is required)',
    pathParameters: account,
    body: { schema: MoneyBody, example: { amount: { amount: 2500, currency: 'EUR' } } },
    responses: { 200: accountAnswer('Withdrawn', { ...EXAMPLES.account, balance: 7500, version: 3 }) },
    problems: moneyProblems,
  },
  {
    method: 'post', path: '/accounts/{id}/close', operationId: 'CloseAccount', tag, access: 'signed-in', idempotencyKey: 'optional', ifMatch: true,
    summary: 'Close an account holding nothing',
    pathParameters: account,
    responses: { 200: accountAnswer('Closed', { ...EXAMPLES.account, status: 'closed', balance: 0, version: 4 }) },
    problems: [400, 404, 409, 412, 422],
  },
  {
    method: 'get', path: '/accounts', operationId: 'ListAccounts', tag, access: 'signed-in',
    summary: "The caller's accounts; an owner's, or every account, for admins",
    description: "A customer gets their own accounts (`ownerId` of anyone else is a 403).",
    query: ListAccountsQuery,
    responses: { 200: { description: 'A page of accounts', schema: AccountPage, example: { items: [EXAMPLES.accountView] } } },
    problems: [400, 403],
  },
  {
    method: 'get', path: '/accounts/{id}', operationId: 'GetAccount', tag, access: 'signed-in',
    summary: 'One account from the accounts view',
    pathParameters: account,
    responses: { 200: { description: 'The account', schema: AccountView, headers: ['etag'], example: EXAMPLES.accountView } },
    problems: [400, 404],
  },
  {
    method: 'get', path: '/accounts/{id}/transactions', operationId: 'GetAccountTransactions', tag, access: 'signed-in',
    summary: "An account's money movements, newest first",
    pathParameters: account,
    query: PageQuery,
    responses: { 200: { description: 'A page of transactions', schema: AccountTransactions, example: { accountId: EXAMPLES.account.accountId, items: [EXAMPLES.transaction] } } },
    problems: [400, 404],
  },
  {
    method: 'get', path: '/accounts/{id}/events', operationId: 'GetAccountEvents', tag, access: 'signed-in',
    summary: 'The account stream, oldest first (event store)',
    pathParameters: account,
    responses: { 200: { description: 'The events', schema: AccountHistory, headers: ['etag'], example: EXAMPLES.history } },
    problems: [400, 404],
  },
  {
    method: 'get', path: '/transactions', operationId: 'ListTransactions', tag, access: 'admin',
    summary: "Every account's transactions, newest first (admins)",
    query: PageQuery,
    responses: { 200: { description: 'A page of transactions', schema: TransactionPage, example: { items: [EXAMPLES.transaction] } } },
    problems: [400, 403],
  },
  {
    method: 'post', path: '/transfers', operationId: 'RequestTransfer', tag, access: 'signed-in', idempotencyKey: 'required', preferWait: true,
    summary: 'Ask for a transfer: its saga runs (an Idempotency-Key is required)',
    description: 'Answers 202 once the transfer is recorded; whether the source covers it and the target can take it is the saga\'s to find out (`GET /transfers/{id}`). With `Prefer: wait=<seconds>` (at most 10): 200 with the transfer once completed, rejected or failed within the wait. A source that is not the caller\'s is a 404; the same account twice or nothing to move, a 422.',
    body: { schema: TransferBody, example: EXAMPLES.requestTransfer },
    responses: {
      200: { description: 'The outcome, within the wait asked for', schema: TransferResource, headers: ['etag', 'location', 'preference-applied'], example: EXAMPLES.transferCompleted },
      202: { description: 'Asked for: the saga runs', schema: TransferResource, headers: ['etag', 'location', 'preference-applied'], example: EXAMPLES.transferRequested },
    },
    problems: [400, 404, 409, 415, 422, 428],
  },
  {
    method: 'get', path: '/transfers', operationId: 'ListTransfers', tag, access: 'signed-in',
    summary: "The transfers the caller asked for; anyone's for admins",
    query: ListTransfersQuery,
    responses: { 200: { description: 'A page of transfers', schema: TransferPage, example: { items: [EXAMPLES.transferView] } } },
    problems: [400, 403],
  },
  {
    method: 'get', path: '/transfers/{id}', operationId: 'GetTransfer', tag, access: 'signed-in',
    summary: 'One transfer with its saga',
    description: 'A customer sees the saga\'s status and path; an admin also each step and the record of a failed compensation.',
    pathParameters: { id: TransferId },
    responses: { 200: { description: 'The transfer', schema: TransferDetails, headers: ['etag'], example: TRANSFER_DETAILS } },
    problems: [400, 404],
  },
];
