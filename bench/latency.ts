import { call, type BenchApi } from './http-commands';
import { summarize } from './stats';

async function until(probe: () => Promise<boolean>, timeoutMs: number, intervalMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Append → read row visible: from the 201 of POST /orders until GET /orders/{id} finds the row. */
export async function projectionLag(api: BenchApi, sku: string, samples: number, onProgress?: (fraction: number) => void) {
  const lags: number[] = [];
  for (let i = 0; i < samples; i++) {
    const { orderId } = await call(api, 'POST', '/orders', { currency: 'EUR', items: [{ sku, quantity: 1 }] }, 201);
    const appended = performance.now();
    await until(async () => (await fetch(`${api.url}/orders/${orderId}`, { headers: { authorization: api.customer } })).status === 200, 10_000, 2);
    lags.push(performance.now() - appended);
    onProgress?.((i + 1) / samples);
  }
  return summarize(lags);
}

/**
 * Place → confirmed: from sending POST /orders/{id}/place until the saga has ended in
 * OrderConfirmed (stream → starter → 4 tasks), and until the orders view says confirmed; plus the
 * execution's own duration as Step Functions reports it.
 */
export async function sagaLatency(api: BenchApi, sku: string, samples: number, onProgress?: (fraction: number) => void) {
  const toEnd: number[] = [];
  const toView: number[] = [];
  const execution: number[] = [];
  for (let i = 0; i < samples; i++) {
    const { orderId } = await call(api, 'POST', '/orders', { currency: 'EUR', items: [{ sku, quantity: 1 }] }, 201);
    const placed = performance.now();
    await call(api, 'POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' }, 202);
    let saga: { status: string; startedAt: string; stoppedAt: string; output?: { outcome?: string } } | undefined;
    let viewed: number | undefined;
    await until(async () => {
      if (viewed === undefined) {
        const order = await fetch(`${api.url}/orders/${orderId}`, { headers: { authorization: api.customer } });
        if (order.status === 200 && ((await order.json()) as { status: string }).status === 'confirmed') viewed = performance.now() - placed;
      }
      if (!saga || saga.status === 'RUNNING') {
        // Saga monitoring is the admin's.
        const res = await fetch(`${api.url}/orders/${orderId}/saga`, { headers: { authorization: api.admin } });
        if (res.status === 200) {
          saga = (await res.json()) as typeof saga;
          if (saga!.status !== 'RUNNING') toEnd.push(performance.now() - placed);
        }
      }
      return viewed !== undefined && saga !== undefined && saga.status !== 'RUNNING';
    }, 30_000, 5);
    if (saga?.output?.outcome !== 'confirmed') throw new Error(`the saga of bench order ${orderId} ended ${saga?.status} ${JSON.stringify(saga?.output)}`);
    toView.push(viewed!);
    execution.push(Date.parse(saga.stoppedAt) - Date.parse(saga.startedAt));
    onProgress?.((i + 1) / samples);
  }
  return { placeToConfirmed: summarize(toEnd), placeToView: summarize(toView), execution: summarize(execution) };
}
