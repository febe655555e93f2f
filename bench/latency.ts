import { call } from './http-commands';
import { summarize } from './stats';

async function until(probe: () => Promise<boolean>, timeoutMs: number, intervalMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Append → read row visible: from the 201 of POST /orders until GET /orders/{id} finds the row. */
export async function projectionLag(apiUrl: string, sku: string, samples: number, onProgress?: (fraction: number) => void) {
  const lags: number[] = [];
  for (let i = 0; i < samples; i++) {
    const { orderId } = await call(apiUrl, 'POST', '/orders', { customerId: 'bench-lag', currency: 'EUR', items: [{ sku, quantity: 1 }] }, 201);
    const appended = performance.now();
    await until(async () => (await fetch(`${apiUrl}/orders/${orderId}`)).status === 200, 10_000, 2);
    lags.push(performance.now() - appended);
    onProgress?.((i + 1) / samples);
  }
  return summarize(lags);
}

/**
 * Place → confirmed: from sending POST /orders/{id}/place until the orders view says confirmed
 * (stream → starter → saga of 4 tasks → stream → projection), and the execution's own duration.
 */
export async function sagaLatency(apiUrl: string, sku: string, samples: number, onProgress?: (fraction: number) => void) {
  const total: number[] = [];
  const execution: number[] = [];
  for (let i = 0; i < samples; i++) {
    const { orderId } = await call(apiUrl, 'POST', '/orders', { customerId: 'bench-saga', currency: 'EUR', items: [{ sku, quantity: 1 }] }, 201);
    const placed = performance.now();
    await call(apiUrl, 'POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' }, 202);
    await until(async () => {
      const res = await fetch(`${apiUrl}/orders/${orderId}`);
      return res.status === 200 && ((await res.json()) as { status: string }).status === 'confirmed';
    }, 30_000, 5);
    total.push(performance.now() - placed);
    const saga = await call(apiUrl, 'GET', `/orders/${orderId}/saga`, undefined, 200);
    execution.push(Date.parse(saga.stoppedAt) - Date.parse(saga.startedAt));
    onProgress?.((i + 1) / samples);
  }
  return { placeToConfirmed: summarize(total), execution: summarize(execution) };
}
