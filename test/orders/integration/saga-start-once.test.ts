import { randomUUID } from 'node:crypto';
import { api, asAdmin } from '../../support/api';
import { eventually } from '../../support/eventually';
import { describeLocal } from '../../support/local-only';
import { advanceClock, invocations } from '../../support/local-tools';
import { eventTypes, injectFault, paymentEvents, sagaEnded } from '../../support/saga';


/**
 * A saga's start rides a queue, which delivers at least once, and an Express workflow starts at
 * least once: whatever the type (npm test runs Standard, npm run test:express Express), a start
 * delivered twice runs one saga. Standard refuses the second execution by its name; Express runs
 * it, and its first state finds the run recorded and ends it (lib/platform/saga-state-machine.ts).
 */
describeLocal('a saga started twice', 'fails the starter after its start through the local fault hook and moves the queue clock', () => {
  it('runs one saga when the start of an order is delivered again', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    expect((await asAdmin('POST', '/products', { sku, name: 'Lamp', price: { amount: 1500, currency: 'EUR' }, stock: 3 })).status).toBe(201);
    const created = await api('POST', '/orders', { currency: 'EUR', items: [{ sku, quantity: 1 }] });
    const orderId: string = created.body.orderId;
    // The starter starts the saga, then fails: its message comes back after its visibility timeout.
    await injectFault({ kind: 'function', function: 'StartSagaHandler', orderId, when: 'after', error: { name: 'Error', message: 'the starter died after its StartExecution' }, times: 1 });
    const before = await invocations('StartSagaHandler');
    expect((await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' })).status).toBe(202);
    await eventually(() => invocations('StartSagaHandler'), (n) => n > before, { what: 'the first start' });
    await advanceClock(61);
    await eventually(() => invocations('StartSagaHandler'), (n) => n > before + 1, { what: 'the start delivered again' });

    const saga = await sagaEnded(orderId);
    expect(saga.status).toBe('SUCCEEDED');
    // Each forward step once: a second saga would have reserved, charged and confirmed again.
    expect(saga.path.filter((step) => ['ReserveStock', 'ChargePayment', 'CommitStock', 'ConfirmOrder'].includes(step))).toEqual(['ReserveStock', 'ChargePayment', 'CommitStock', 'ConfirmOrder']);
    expect(saga.steps.find((step) => step.name === 'ReserveStock')?.attempts).toBe(1);
    expect(await paymentEvents(orderId)).toEqual(['PaymentAttempted', 'PaymentCharged']);
    expect((await eventTypes(`order#${orderId}`)).filter((type) => type === 'OrderConfirmed')).toHaveLength(1);
    const product = await eventually(() => api('GET', `/products/${sku}`), (res) => res.body?.sold === 1, { what: 'the one sale in the products view' });
    expect(product.body).toMatchObject({ sold: 1, reserved: 0 });
  });
});
