import { randomUUID } from 'node:crypto';
import { as, asAdmin, type ApiResponse } from './api';
import type { TestCaller } from './callers';
import { eventually } from './eventually';

export type TransferSaga = { status: string; path: string[]; steps: { name: string; status: string; attempts: number }[]; error?: string };
export type TransferView = { transferId: string; status: string; reason?: string; saga: TransferSaga | null; compensationFailure?: Record<string, any> };

/** A customer of their own, so that no other test's accounts are theirs. */
export const newCustomer = (): TestCaller => ({ sub: `bank-${randomUUID()}` });

/** The Idempotency-Key a deposit or a withdrawal needs (428 without): a new one per request. */
export const moneyKey = (): Record<string, string> => ({ 'idempotency-key': randomUUID() });

/** Opens an account for `owner` and deposits `balance` minor units of EUR into it; returns its id. */
export async function openAccount(owner: TestCaller, balance = 0, currency = 'EUR'): Promise<string> {
  const call = as(owner);
  const opened = await call('POST', '/accounts', { currency });
  if (opened.status !== 201) throw new Error(`could not open an account: ${opened.status} ${JSON.stringify(opened.body)}`);
  const accountId: string = opened.body.accountId;
  if (balance > 0) {
    const deposited = await call('POST', `/accounts/${accountId}/deposit`, { amount: { amount: balance, currency } }, moneyKey());
    if (deposited.status !== 200) throw new Error(`could not deposit: ${deposited.status} ${JSON.stringify(deposited.body)}`);
  }
  return accountId;
}

/** Asks for a transfer as `caller`, under a fresh Idempotency-Key (and the request's correlation id, when given). */
export function requestTransfer(caller: TestCaller, sourceAccountId: string, targetAccountId: string, amount: number, key: string = randomUUID(), correlationId?: string): Promise<ApiResponse> {
  return as(caller)('POST', '/transfers', { sourceAccountId, targetAccountId, amount: { amount, currency: 'EUR' } }, { 'idempotency-key': key, ...(correlationId ? { 'x-correlation-id': correlationId } : {}) });
}

/** The account's balance and status from its own stream (the store, not a view), read by an admin. */
export async function accountFromStore(accountId: string): Promise<{ balance: number; status: string }> {
  const { body } = await asAdmin('GET', `/accounts/${accountId}/events`);
  let balance = 0;
  let status = 'open';
  for (const event of body.events as { type: string; data: { amount?: { amount: number } } }[]) {
    const amount = event.data.amount?.amount ?? 0;
    if (['MoneyDeposited', 'AccountCreditedFromTransfer', 'TransferRefunded'].includes(event.type)) balance += amount;
    if (['MoneyWithdrawn', 'AccountDebitedForTransfer'].includes(event.type)) balance -= amount;
    if (event.type === 'AccountClosed') status = 'closed';
  }
  return { balance, status };
}

/**
 * Waits for the transfer's saga to end and for its view to say how it ended; answers as an admin
 * sees it. The wait ends before Jest's own 60 s test timeout, so a transfer that never ends fails
 * with the view last seen (as sagaEnded does for an order).
 */
export async function transferEnded(transferId: string, timeoutMs = 45_000): Promise<TransferView> {
  const res = await eventually(
    () => asAdmin<TransferView>('GET', `/transfers/${transferId}`),
    (r) => r.status === 200 && r.body.saga !== null && r.body.saga.status !== 'RUNNING' && ['completed', 'rejected', 'failed', 'refunded', 'debited'].includes(r.body.status) && viewCaughtUp(r.body),
    { what: `transfer ${transferId} to end`, timeoutMs, intervalMs: 200 },
  );
  return res.body;
}

/** A saga that SUCCEEDED ends completed or rejected in the view; one that failed, failed, rejected (its refund failing, its end refunding) or still debited. */
function viewCaughtUp(view: TransferView): boolean {
  const last = view.saga?.path.at(-1);
  if (last === 'TransferCompleted') return view.status === 'completed';
  if (last === 'TransferRejected') return view.status === 'rejected';
  if (last === 'TransferFailed') return view.status === 'failed';
  // A refund that failed, then an end that succeeded (refunding after all): the transfer ended.
  if (last === 'CompensationFailed' && view.saga?.path.at(-2) === 'RejectedOrFailed') return view.status === 'rejected' || view.status === 'failed';
  return true;
}
