import { api } from '../../support/api';
import { describeLocal } from '../../support/local-only';
import { eventually } from '../../support/eventually';
import { addProduct, createOrder } from '../../support/fixtures';
import { injectFault, orderEvents, paymentEvents, sagaEnded, type Fault } from '../../support/saga';

/**
 * The saga with a failure injected at each forward step, in each kind. Payment failures come from
 * the gateway simulator's tokens; the others from the local runtime's test-only faults, which
 * fail a function before its handler runs, as a crashed or throttled Lambda would.
 */
const STOCK = 5;
const QUANTITY = 2;
const FORWARD = ['ReserveStock', 'ChargePayment', 'CommitStock', 'ConfirmOrder', 'Confirmation', 'OrderConfirmed'];
const REJECTED = ['CancelOrder', 'RejectedOrFailed', 'Rejection', 'OrderRejected'];
const CANCELLED = ['CancelOrder', 'RejectedOrFailed', 'CancelledAfterFailure'];

type Case = {
  name: string;
  step: string;
  /** How to make it fail: the order's quantity and payment token, and a fault for the runtime. */
  quantity?: number;
  paymentMethod?: string;
  fault?: (orderId: string) => Fault;
  status: 'confirmed' | 'rejected' | 'cancelled';
  path: string[];
  /** How the failing step ended and after how many attempts. */
  stepOutcome: { status: string; attempts: number };
};

const functionFault = (fn: string, name: string, times: number) => (orderId: string): Fault => ({
  kind: 'function',
  function: `${fn}Function`,
  orderId,
  error: { name, message: `injected ${name}` },
  times,
});
const transient = (fn: string) => functionFault(fn, 'Lambda.TooManyRequestsException', 2);
/** What a step throws when its store stays throttled past the SDK's own retries (twice, then it works). */
const storeThrottled = (fn: string, name: string) => functionFault(fn, name, 2);
const permanent = (fn: string) => functionFault(fn, 'Error', 99);

const cases: Case[] = [
  { name: 'ReserveStock: not enough stock', step: 'ReserveStock', quantity: STOCK + 1, status: 'rejected', path: ['ReserveStock', 'ReleaseStock', ...REJECTED], stepOutcome: { status: 'caught', attempts: 1 } },
  { name: 'ReserveStock: throttled twice', step: 'ReserveStock', fault: transient('ReserveStock'), status: 'confirmed', path: FORWARD, stepOutcome: { status: 'succeeded', attempts: 3 } },
  { name: 'ReserveStock: crashes', step: 'ReserveStock', fault: permanent('ReserveStock'), status: 'cancelled', path: ['ReserveStock', 'ReleaseStock', ...CANCELLED], stepOutcome: { status: 'caught', attempts: 1 } },
  {
    name: 'ChargePayment: card declined',
    step: 'ChargePayment',
    paymentMethod: 'tok_declined',
    status: 'rejected',
    path: ['ReserveStock', 'ChargePayment', 'RefundPayment', 'ReleaseStock', ...REJECTED],
    stepOutcome: { status: 'caught', attempts: 1 },
  },
  { name: 'ChargePayment: gateway down twice', step: 'ChargePayment', paymentMethod: 'tok_unavailable_2', status: 'confirmed', path: FORWARD, stepOutcome: { status: 'succeeded', attempts: 3 } },
  {
    name: 'ChargePayment: gateway stays down',
    step: 'ChargePayment',
    paymentMethod: 'tok_unavailable_9',
    status: 'cancelled',
    path: ['ReserveStock', 'ChargePayment', 'RefundPayment', 'ReleaseStock', ...CANCELLED],
    stepOutcome: { status: 'caught', attempts: 4 },
  },
  {
    name: 'ConfirmOrder: the order can no longer be confirmed',
    step: 'ConfirmOrder',
    fault: functionFault('ConfirmOrder', 'InvalidOrderTransition', 1),
    status: 'rejected',
    path: ['ReserveStock', 'ChargePayment', 'CommitStock', 'ConfirmOrder', 'RefundPayment', 'ReleaseStock', ...REJECTED],
    stepOutcome: { status: 'caught', attempts: 1 },
  },
  { name: 'ConfirmOrder: throttled twice', step: 'ConfirmOrder', fault: transient('ConfirmOrder'), status: 'confirmed', path: FORWARD, stepOutcome: { status: 'succeeded', attempts: 3 } },
  { name: 'ConfirmOrder: its append throttled twice (StoreThrottled)', step: 'ConfirmOrder', fault: storeThrottled('ConfirmOrder', 'StoreThrottled'), status: 'confirmed', path: FORWARD, stepOutcome: { status: 'succeeded', attempts: 3 } },
  {
    name: 'ConfirmOrder: crashes',
    step: 'ConfirmOrder',
    fault: permanent('ConfirmOrder'),
    status: 'cancelled',
    path: ['ReserveStock', 'ChargePayment', 'CommitStock', 'ConfirmOrder', 'RefundPayment', 'ReleaseStock', ...CANCELLED],
    stepOutcome: { status: 'caught', attempts: 1 },
  },
  {
    name: 'CommitStock: the reservation is gone',
    step: 'CommitStock',
    fault: functionFault('CommitStock', 'NoReservation', 1),
    status: 'rejected',
    path: ['ReserveStock', 'ChargePayment', 'CommitStock', 'RefundPayment', 'ReleaseStock', ...REJECTED],
    stepOutcome: { status: 'caught', attempts: 1 },
  },
  { name: 'CommitStock: throttled twice', step: 'CommitStock', fault: transient('CommitStock'), status: 'confirmed', path: FORWARD, stepOutcome: { status: 'succeeded', attempts: 3 } },
  {
    name: 'CommitStock: DynamoDB throttled twice (ProvisionedThroughputExceededException)',
    step: 'CommitStock',
    fault: storeThrottled('CommitStock', 'ProvisionedThroughputExceededException'),
    status: 'confirmed',
    path: FORWARD,
    stepOutcome: { status: 'succeeded', attempts: 3 },
  },
  {
    name: 'CommitStock: crashes',
    step: 'CommitStock',
    fault: permanent('CommitStock'),
    status: 'cancelled',
    path: ['ReserveStock', 'ChargePayment', 'CommitStock', 'RefundPayment', 'ReleaseStock', ...CANCELLED],
    stepOutcome: { status: 'caught', attempts: 1 },
  },
];

describeLocal('the order saga with a failure injected at each step', 'injects failures through the local runtime\'s test hooks', () => {
  it.concurrent.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const sku = await addProduct(STOCK);
    const quantity = c.quantity ?? QUANTITY;
    const orderId = await createOrder([{ sku, quantity }]);
    if (c.fault) await injectFault(c.fault(orderId));
    expect((await api('POST', `/orders/${orderId}/place`, { paymentMethod: c.paymentMethod ?? 'tok_visa' })).status).toBe(202);

    const saga = await sagaEnded(orderId);
    expect(saga.path).toEqual(c.path);
    expect(saga.steps.find((s) => s.name === c.step)).toMatchObject(c.stepOutcome);
    expect(saga.status).toBe(c.status === 'cancelled' ? 'FAILED' : 'SUCCEEDED');

    const order = await eventually(() => api('GET', `/orders/${orderId}`), (r) => r.body?.status === c.status, { what: `order ${orderId} to be ${c.status}` });
    expect(order.body.status).toBe(c.status);

    // An order is confirmed only once its stock is committed: one that did not go through never was.
    expect((await orderEvents(orderId)).includes('OrderConfirmed')).toBe(c.status === 'confirmed');

    // Stock: what a confirmed order bought is sold; nothing else is held, and a sale undone
    // (ConfirmOrder failing after CommitStock) is back on hand.
    const sold = c.status === 'confirmed' ? quantity : 0;
    const product = await eventually(
      () => api('GET', `/products/${sku}`),
      (r) => r.body?.sold === sold && r.body?.reserved === 0,
      { what: `product ${sku} to show ${sold} sold and nothing reserved` },
    );
    expect(product.body).toMatchObject({ onHand: STOCK - sold, available: STOCK - sold });

    // Money: a confirmed order keeps its one charge; any other has every charge refunded, once.
    const payments = await paymentEvents(orderId);
    const charges = payments.filter((t) => t === 'PaymentCharged').length;
    const refunds = payments.filter((t) => t === 'PaymentRefunded').length;
    if (c.status === 'confirmed') expect([charges, refunds]).toEqual([1, 0]);
    else expect(refunds).toBe(charges);
    expect(charges).toBeLessThanOrEqual(1);
  });
});

describeLocal('a compensation that fails', "injects failures through the local runtime's test hooks", () => {
  const undoFault = (step: string, orderId: string, message: string): Fault => ({ kind: 'function', function: `${step}Function`, orderId, error: { name: 'Error', message }, times: 99 });
  const product = (sku: string, reserved: number) => eventually(() => api('GET', `/products/${sku}`), (r) => r.body?.reserved === reserved, { what: `product ${sku} to show ${reserved} reserved` });

  it('goes on past a refund that fails: the committed stock returned, the order cancelled, the refund recorded as owed, CompensationFailed', async () => {
    const sku = await addProduct(STOCK);
    const orderId = await createOrder([{ sku, quantity: QUANTITY }]);
    // ConfirmOrder fails for good after CommitStock; the refund then fails every attempt.
    await injectFault(functionFault('ConfirmOrder', 'Error', 99)(orderId));
    await injectFault(undoFault('RefundPayment', orderId, 'the gateway refuses refunds'));
    await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });

    const saga = await sagaEnded(orderId, 60_000);
    expect(saga.status).toBe('FAILED');
    expect(saga.error).toBe('CompensationFailed');
    expect(saga.path).toEqual(['ReserveStock', 'ChargePayment', 'CommitStock', 'ConfirmOrder', 'RefundPayment', 'RecordRefundPaymentFailure', 'ReleaseStock', 'CancelOrder', 'RejectedOrFailed', 'CompensationFailed']);
    expect(saga.steps.find((s) => s.name === 'RefundPayment')).toMatchObject({ status: 'caught', attempts: 4 });
    expect(saga.compensationFailure).toMatchObject({ orderId, failedSteps: ['RefundPayment'], failedUndos: [{ step: 'RefundPayment', error: 'Error', cause: 'the gateway refuses refunds' }] });

    // Every undo that could succeed did: the sale returned to the stock on hand, the order cancelled.
    expect((await product(sku, 0)).body).toMatchObject({ onHand: STOCK, sold: 0, reserved: 0, available: STOCK });
    const order = await eventually(() => api('GET', `/orders/${orderId}`), (r) => r.body?.status === 'cancelled', { what: 'the order cancelled' });
    // The customer is not told the money is back: it is not, yet.
    expect(order.body.cancellationReason).toMatch(/will be refunded$/);
    const payments = await paymentEvents(orderId);
    expect([payments.includes('PaymentCharged'), payments.includes('PaymentRefunded')]).toEqual([true, false]);
  });

  it('records every undo that failed, the second without erasing the first', async () => {
    const sku = await addProduct(STOCK);
    const orderId = await createOrder([{ sku, quantity: 1 }]);
    await injectFault(undoFault('ReleaseStock', orderId, 'the stock service is down'));
    await injectFault(undoFault('CancelOrder', orderId, 'the order store is down'));
    await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_declined' });

    const saga = await sagaEnded(orderId, 60_000);
    expect(saga.error).toBe('CompensationFailed');
    expect(saga.path).toEqual(['ReserveStock', 'ChargePayment', 'RefundPayment', 'ReleaseStock', 'RecordReleaseStockFailure', 'CancelOrder', 'RecordCancelOrderFailure', 'CompensationFailed']);
    expect(saga.compensationFailure).toMatchObject({
      orderId,
      failure: expect.stringContaining('declined'),
      failedSteps: ['ReleaseStock', 'CancelOrder'],
      failedUndos: [
        { step: 'ReleaseStock', error: 'Error', cause: 'the stock service is down' },
        { step: 'CancelOrder', error: 'Error', cause: 'the order store is down' },
      ],
    });
    // Nothing pretended: the stock is still held and the order still placed, for a person to resolve.
    expect((await product(sku, 1)).body.reserved).toBe(1);
    expect((await api('GET', `/orders/${orderId}`)).body.status).toBe('placed');
  });
});
