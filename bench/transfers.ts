import { randomUUID } from 'node:crypto';
import { call, type BenchApi } from './http-commands';
import { summarize, type LatencySummary } from './stats';

export type TransferRun = {
  transfers: number;
  accounts: number;
  completed: number;
  rejected: number;
  failed: number;
  requestSeconds: number;
  lastEndedSeconds: number;
  /** From each transfer's request to its end in the transfers view (the view's own times). */
  requestToEnd: LatencySummary;
  moneyBefore: number;
  moneyAfter: number;
};

const ENDED = new Set(['completed', 'rejected', 'failed']);

/**
 * Transfers at once among `accounts` accounts of the bench customer, each holding 10 000 minor
 * units, amounts up to 3 000 (so some overdraw): how long asking took, when the last one ended,
 * each one's request-to-end time, how they ended, and the money before and after (from the
 * accounts view, once it has caught up).
 */
export async function transferRun(api: BenchApi, transfers: number, accounts: number, onProgress?: (fraction: number) => void): Promise<TransferRun> {
  const ids: string[] = [];
  for (let i = 0; i < accounts; i++) {
    const { accountId } = await call(api, 'POST', '/accounts', { currency: 'EUR' }, 201);
    await call(api, 'POST', `/accounts/${accountId}/deposit`, { amount: { amount: 10_000, currency: 'EUR' } }, 200, 'customer', { 'idempotency-key': randomUUID() });
    ids.push(accountId);
  }
  const pick = () => Math.floor(Math.random() * accounts);
  const started = performance.now();
  const asked = await Promise.all(
    Array.from({ length: transfers }, async () => {
      const from = pick();
      const to = (from + 1 + Math.floor(Math.random() * (accounts - 1))) % accounts;
      const res = await fetch(`${api.url}/transfers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: api.customer, 'idempotency-key': randomUUID() },
        body: JSON.stringify({ sourceAccountId: ids[from], targetAccountId: ids[to], amount: { amount: 1 + Math.floor(Math.random() * 3_000), currency: 'EUR' } }),
      });
      if (res.status !== 202) throw new Error(`POST /transfers: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { transferId: string }).transferId;
    }),
  );
  const requestSeconds = (performance.now() - started) / 1000;
  const views = new Map<string, { status: string; requestedAt: string; updatedAt: string }>();
  while (views.size < transfers) {
    for (const id of asked.filter((id) => !views.has(id))) {
      const res = await fetch(`${api.url}/transfers/${id}`, { headers: { authorization: api.admin } });
      const view = res.status === 200 ? ((await res.json()) as { status: string; requestedAt: string; updatedAt: string }) : undefined;
      if (view && ENDED.has(view.status)) views.set(id, view);
    }
    onProgress?.(views.size / transfers);
    if (performance.now() - started > 600_000) throw new Error(`only ${views.size} of ${transfers} transfers ended within 10 minutes`);
    if (views.size < transfers) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const lastEndedSeconds = (performance.now() - started) / 1000;
  const ended = [...views.values()];
  const balances = async () => (await Promise.all(ids.map((id) => call(api, 'GET', `/accounts/${id}`, undefined, 200)))).map((a: { balance: number; version: number }) => a);
  // The accounts view catches up with the last leg a moment after the transfers view.
  let after = await balances();
  for (let tries = 0; tries < 40 && after.reduce((sum, a) => sum + a.balance, 0) !== accounts * 10_000; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    after = await balances();
  }
  return {
    transfers,
    accounts,
    completed: ended.filter((v) => v.status === 'completed').length,
    rejected: ended.filter((v) => v.status === 'rejected').length,
    failed: ended.filter((v) => v.status === 'failed').length,
    requestSeconds,
    lastEndedSeconds,
    requestToEnd: summarize(ended.map((v) => Date.parse(v.updatedAt) - Date.parse(v.requestedAt))),
    moneyBefore: accounts * 10_000,
    moneyAfter: after.reduce((sum, a) => sum + a.balance, 0),
  };
}
