import type { SystemUsage } from '../local/system';
import { perOrder, type PerOrder } from './cost';
import { benchProduct, call, type BenchApi } from './http-commands';
import { VIEWS_WINDOW } from '../lib/platform/stream-views';

async function usage(edgeUrl: string): Promise<SystemUsage> {
  return (await fetch(`${edgeUrl}/_local/usage`)).json() as Promise<SystemUsage>;
}

/** Waits until the counters stop moving: sagas, projections, the forwarder and the bus are done. */
export async function quiet(edgeUrl: string, forMs = 1500): Promise<SystemUsage> {
  let last = JSON.stringify(await usage(edgeUrl));
  let since = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = JSON.stringify(await usage(edgeUrl));
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= forMs) return JSON.parse(now) as SystemUsage;
  }
}

/**
 * Counts what placed-and-confirmed orders use: `orders` orders of one line each, created and
 * placed `inFlight` at a time, then the runtime's usage counters before and after, per order.
 * The orders spread over fresh products, as a catalogue's orders do: one hot product would
 * measure its contention (retries) and its ever longer stream instead.
 */
export async function usagePerOrder(api: BenchApi, edgeUrl: string, orders: number, inFlight: number, onProgress?: (fraction: number) => void): Promise<PerOrder> {
  const skus = await Promise.all(Array.from({ length: Math.max(inFlight * 2, 10) }, () => benchProduct(api)));
  // Quiet for longer than the views reader's tumbling window: its final invocations write the store figures.
  const windowed = VIEWS_WINDOW.toMilliseconds() + 2000;
  const before = await quiet(edgeUrl, windowed);
  let done = 0;
  let next = 0;
  const one = async () => {
    const sku = skus[next++ % skus.length]!;
    const { orderId } = await call(api, 'POST', '/orders', { currency: 'EUR', items: [{ sku, quantity: 1 }] }, 201);
    await call(api, 'POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' }, 202);
    onProgress?.(++done / orders / 2);
  };
  for (let start = 0; start < orders; start += inFlight) {
    await Promise.all(Array.from({ length: Math.min(inFlight, orders - start) }, one));
  }
  const after = await quiet(edgeUrl, windowed);
  onProgress?.(1);
  return perOrder(before, after, orders);
}
