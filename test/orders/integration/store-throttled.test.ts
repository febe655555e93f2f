import { api } from '../../support/api';
import { eventually } from '../../support/eventually';
import { addProduct, createOrder, history } from '../../support/fixtures';
import { describeLocal } from '../../support/local-only';
import { injectFault, paymentEvents, sagaEnded } from '../../support/saga';

/**
 * The store throttled under a step, for real: the local runtime answers the step's append with
 * DynamoDB's ProvisionedThroughputExceededException (a dependency fault, local/faults.ts) four
 * times, past the SDK's own three tries, so the step fails once with the store's error; the saga
 * retries it (a transient store error, from the contract's list) and the order is confirmed.
 */
const STEPS = [
  { step: 'ConfirmOrder', appends: 'OrderConfirmed' },
  { step: 'CommitStock', appends: 'StockCommitted' },
];

describeLocal('the order saga with its store throttled under a step', "injects dependency faults through the local runtime's test hooks", () => {
  it.concurrent.each(STEPS.map((s) => [s.step, s] as const))('%s: retried, and the order is confirmed with its events once', async (_name, { step, appends }) => {
    const sku = await addProduct(5);
    const orderId = await createOrder([{ sku, quantity: 2 }]);
    await injectFault({
      kind: 'dependency',
      dependency: 'dynamodb',
      function: `${step}Function`,
      orderId,
      requestContains: appends,
      error: { name: 'ProvisionedThroughputExceededException', message: 'throttled by a test' },
      times: 4,
    });
    await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });

    const saga = await sagaEnded(orderId, 60_000);
    expect(saga.status).toBe('SUCCEEDED');
    expect(saga.steps.find((s) => s.name === step)).toMatchObject({ status: 'succeeded', attempts: 2, errors: ['ProvisionedThroughputExceededException'] });
    const order = await eventually(() => api('GET', `/orders/${orderId}`), (r) => r.body?.status === 'confirmed', { what: `order ${orderId} confirmed` });
    expect(order.body.paymentStatus).toBe('charged');
    expect((await history(orderId)).filter((e) => e.type === 'OrderConfirmed')).toHaveLength(1);
    expect((await paymentEvents(orderId)).filter((t) => t === 'PaymentCharged')).toHaveLength(1);
    const product = await eventually(() => api('GET', `/products/${sku}`), (r) => r.body?.sold === 2 && r.body?.reserved === 0, { what: `product ${sku} sold 2` });
    expect(product.body.available).toBe(3);
  });
});
