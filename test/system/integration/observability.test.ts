import { randomUUID } from 'node:crypto';
import type { CountedMetric } from '../../../local/logs/emf-metrics';
import type { LogEntry } from '../../../local/logs/function-logs';
import { api, asAdmin } from '../../support/api';
import { busEntries } from '../../support/bus';
import { eventually } from '../../support/eventually';
import { addProduct, createOrder, history } from '../../support/fixtures';
import { describeLocal } from '../../support/local-only';
import { injectFault, sagaEnded } from '../../support/saga';
import { testEnv } from '../../support/test-env';

/** What the local runtime has seen the functions log and emit (see local/logs). */
async function localGet<T>(path: string): Promise<T> {
  const res = await fetch(`${testEnv().edgeUrl}/_local/${path}`);
  if (res.status !== 200) throw new Error(`GET /_local/${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const logsOf = (correlationId: string) => localGet<LogEntry[]>(`logs?correlationId=${encodeURIComponent(correlationId)}`);

/** The data points of one business metric with exactly these dimensions besides `service`. */
function total(metrics: CountedMetric[], name: string, dimensions: Record<string, string> = {}): number {
  const key = (d: Record<string, string>) => JSON.stringify(Object.entries(d).sort(([x], [y]) => x.localeCompare(y)));
  const wanted = key({ service: 'orderline', ...dimensions });
  return metrics.filter((m) => m.namespace === 'Orderline' && m.name === name && key(m.dimensions) === wanted).reduce((sum, m) => sum + m.count, 0);
}

describeLocal('observability: one correlation id end to end, business metrics counted', 'it reads the local runtime’s log and metric hooks', () => {
  it('carries the caller’s x-correlation-id from the command to its events, the saga’s log lines, the bus entry and the notification', async () => {
    const correlationId = `it-${randomUUID()}`;
    const sku = await addProduct(5);
    const orderId = await createOrder([{ sku, quantity: 1 }]);
    const placed = await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' }, { 'x-correlation-id': correlationId });
    expect(placed.status).toBe(202);
    expect(placed.headers.get('x-correlation-id')).toBe(correlationId);
    expect((await sagaEnded(orderId)).status).toBe('SUCCEEDED');

    const events = (await history(orderId)) as unknown as { type: string; correlationId: string }[];
    expect(events.find((e) => e.type === 'OrderPlaced')?.correlationId).toBe(correlationId);
    // The saga appends under the same id: the confirmation came from a step, not from the request.
    expect(events.find((e) => e.type === 'OrderConfirmed')?.correlationId).toBe(correlationId);

    const steps = await eventually(
      () => logsOf(correlationId),
      (lines) => ['ReserveStock', 'ChargePayment', 'ConfirmOrder', 'CommitStock'].every((step) => lines.some((l) => l.message === 'saga step done' && l.fields.step === step)),
      { what: 'a log line of every forward saga step under the correlation id' },
    );
    for (const line of steps) expect(line.orderId).toBe(orderId);

    // The forwarder puts the event on the bus after the saga has ended: wait for it.
    const confirmedEntry = async () =>
      (await busEntries()).map((e) => ({ type: e.DetailType, detail: JSON.parse(e.Detail) })).find((e) => e.type === 'OrderConfirmed' && e.detail.streamId === `order#${orderId}`);
    const confirmed = await eventually(confirmedEntry, (entry) => entry !== undefined, { what: 'the OrderConfirmed bus entry' });
    expect(confirmed?.detail.correlationId).toBe(correlationId);

    const notifications = await eventually(
      () => api('GET', `/orders/${orderId}/notifications`),
      (res) => res.body?.notifications?.length > 0,
      { what: 'the confirmation notification' },
    );
    expect(notifications.body.notifications[0]).toMatchObject({ eventType: 'OrderConfirmed', correlationId });
  });

  it('answers with a correlation id of its own when the caller sends none or one it cannot carry, errors included', async () => {
    const none = await api('GET', '/orders/not-an-order-id!');
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(none.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    for (const unusable of ['two words', 'x'.repeat(129), '{"$gt":""}']) {
      const hostile = await api('GET', '/products', undefined, { 'x-correlation-id': unusable });
      expect(hostile.status).toBe(200);
      expect(hostile.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('counts the business metrics of a confirmed, a rejected and a compensated order with their dimensions', async () => {
    const before = await localGet<CountedMetric[]>('metrics');
    const sku = await addProduct(10);
    const orders = { confirmed: await createOrder([{ sku, quantity: 1 }]), rejected: await createOrder([{ sku, quantity: 1 }]), compensated: await createOrder([{ sku, quantity: 1 }]) };
    // ConfirmOrder crashes for this order only: the saga refunds, releases and cancels it.
    await injectFault({ kind: 'function', function: 'ConfirmOrderFunction', orderId: orders.compensated, error: { name: 'Error', message: 'injected crash' }, times: 99 });
    await api('POST', `/orders/${orders.confirmed}/place`, { paymentMethod: 'tok_visa' });
    await api('POST', `/orders/${orders.rejected}/place`, { paymentMethod: 'tok_declined' });
    await api('POST', `/orders/${orders.compensated}/place`, { paymentMethod: 'tok_visa' });
    expect((await sagaEnded(orders.confirmed)).output?.outcome).toBe('confirmed');
    expect((await sagaEnded(orders.rejected)).output?.outcome).toBe('rejected');
    expect((await sagaEnded(orders.compensated)).path).toContain('CancelledAfterFailure');

    // Other files may run orders at the same time: each figure grows by at least this file's share.
    const grew = (after: CountedMetric[], name: string, dimensions?: Record<string, string>) => total(after, name, dimensions) - total(before, name, dimensions);
    const after = await eventually(
      () => localGet<CountedMetric[]>('metrics'),
      (now) => grew(now, 'SagaCompensations', { step: 'CancelOrder' }) >= 2 && grew(now, 'ProjectionLag', { projection: 'orders' }) >= 1,
      { what: 'the metrics of the three orders' },
    );
    expect(grew(after, 'OrdersPlaced')).toBeGreaterThanOrEqual(3);
    expect(grew(after, 'OrdersConfirmed')).toBeGreaterThanOrEqual(1);
    expect(grew(after, 'PlaceToConfirmedLatency')).toBeGreaterThanOrEqual(1);
    expect(grew(after, 'PaymentsDeclined')).toBeGreaterThanOrEqual(1);
    expect(grew(after, 'OrdersRejected', { reason: 'PaymentDeclined' })).toBeGreaterThanOrEqual(1);
    expect(grew(after, 'OrdersCancelled', { by: 'saga' })).toBeGreaterThanOrEqual(1);
    expect(grew(after, 'CancelledAfterFailure')).toBeGreaterThanOrEqual(1);
    // The compensated order was charged and held stock: both were given back, and counted by step.
    expect(grew(after, 'SagaCompensations', { step: 'RefundPayment' })).toBeGreaterThanOrEqual(1);
    expect(grew(after, 'SagaCompensations', { step: 'ReleaseStock' })).toBeGreaterThanOrEqual(2);
    // A metric is never emitted without the dimension the alarms and the dashboard group it by.
    expect(total(after, 'OrdersRejected')).toBe(0);
    expect(total(after, 'SagaCompensations')).toBe(0);
  });
});

describe('GET /stats: the event store’s figures', () => {
  it('counts events and streams per aggregate type, a new order’s among them', async () => {
    const figures = async () => (await asAdmin('GET', '/stats')).body.eventStore as Record<string, { events: number; streams: number }>;
    const before = await figures();
    const sku = await addProduct(3);
    await createOrder([{ sku, quantity: 1 }]);
    const after = await eventually(figures, (now) => (now.order?.streams ?? 0) > (before.order?.streams ?? 0) && (now.product?.streams ?? 0) > (before.product?.streams ?? 0), {
      what: 'the new order and product in the store figures',
      // Written when the views reader's tumbling window ends (10 s).
      timeoutMs: 30_000,
    });
    expect(after.order!.events).toBeGreaterThanOrEqual(after.order!.streams);
    expect(after.product!.events).toBeGreaterThan(before.product?.events ?? 0);
  });
});
