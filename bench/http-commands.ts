import { closedLoop } from './stats';

/** Sends a JSON request to the HTTP API; rejects on anything but the expected status. */
export async function call(apiUrl: string, method: string, path: string, body: unknown, expected: number): Promise<any> {
  const res = await fetch(`${apiUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

/** A product with plenty of stock, for the orders the bench creates. */
export async function benchProduct(apiUrl: string, stock = 1_000_000): Promise<string> {
  const sku = `BENCH-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  await call(apiUrl, 'POST', '/products', { sku, name: 'Bench keyboard', price: { amount: 4999, currency: 'EUR' }, stock }, 201);
  return sku;
}

/**
 * Command throughput through the whole write path: HTTP API → Lambda → load the product →
 * one TransactWriteItems. POST /orders with one line, from `concurrency` clients.
 */
export function createOrders(apiUrl: string, sku: string, concurrency: number, seconds: number, onProgress?: (fraction: number) => void) {
  return closedLoop(concurrency, seconds, () => call(apiUrl, 'POST', '/orders', { customerId: 'bench', currency: 'EUR', items: [{ sku, quantity: 1 }] }, 201), onProgress);
}
