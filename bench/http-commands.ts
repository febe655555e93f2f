import { loadOrCreateSigningKey, mintToken, type LocalAuthInfo } from '../local/oidc';
import { closedLoop } from './stats';

/** The API under measurement and the Authorization headers of a bench customer and an admin. */
export type BenchApi = { url: string; customer: string; admin: string };

/** Tokens from the local issuer the system trusts, valid for the whole run. */
export async function benchApi(url: string, auth: LocalAuthInfo): Promise<BenchApi> {
  const key = await loadOrCreateSigningKey(auth.keyFile);
  const token = (sub: string, groups?: string[]) => mintToken(key, { sub, groups, issuer: auth.issuer, audience: auth.audiences[0]!, ttlSeconds: 6 * 3600 });
  return { url, customer: `Bearer ${await token('bench-customer')}`, admin: `Bearer ${await token('bench-admin', ['admin'])}` };
}

/** Sends a JSON request to the HTTP API (as the bench customer unless `as` says admin, with `extra` headers); rejects on anything but the expected status. */
export async function call(api: BenchApi, method: string, path: string, body: unknown, expected: number, as: 'customer' | 'admin' = 'customer', extra: Record<string, string> = {}): Promise<any> {
  const headers = { 'content-type': 'application/json', authorization: api[as], ...extra };
  const res = await fetch(`${api.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

/** A product with plenty of stock, for the orders the bench creates. */
export async function benchProduct(api: BenchApi, stock = 1_000_000): Promise<string> {
  const sku = `BENCH-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await call(api, 'POST', '/products', { sku, name: 'Bench keyboard', price: { amount: 4999, currency: 'EUR' }, stock }, 201, 'admin');
  return sku;
}

/**
 * Command throughput through the whole write path: HTTP API → Lambda → load the product →
 * one TransactWriteItems. POST /orders with one line, from `concurrency` clients.
 */
export function createOrders(api: BenchApi, sku: string, concurrency: number, seconds: number, onProgress?: (fraction: number) => void) {
  return closedLoop(concurrency, seconds, () => call(api, 'POST', '/orders', { currency: 'EUR', items: [{ sku, quantity: 1 }] }, 201), onProgress);
}
