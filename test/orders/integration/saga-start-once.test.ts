import { randomUUID } from 'node:crypto';
import { api, asAdmin } from '../../support/api';
import { eventually } from '../../support/eventually';
import { describeLocal } from '../../support/local-only';
import { invocations } from '../../support/local-tools';
import { busEntries } from '../../support/bus';
import { clientConfig, testEnv } from '../../support/test-env';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventTypes, paymentEvents, sagaEnded } from '../../support/saga';


/**
 * A saga's start rides a queue, which delivers at least once, and an Express workflow starts at
 * least once: whatever the type (npm test runs Standard, npm run test:express Express), a start
 * delivered twice runs one saga. Standard refuses the second execution by its name; Express runs
 * it, and its first state finds the run recorded and ends it (lib/platform/saga-state-machine.ts).
 */
describeLocal('a saga started twice', 'counts the starter\'s invocations through the local usage hook', () => {
  it('runs one saga when the start of an order is delivered again', async () => {
    const sku = `SKU-${randomUUID().slice(0, 8)}`;
    expect((await asAdmin('POST', '/products', { sku, name: 'Lamp', price: { amount: 1500, currency: 'EUR' }, stock: 3 })).status).toBe(201);
    const created = await api('POST', '/orders', { currency: 'EUR', items: [{ sku, quantity: 1 }] });
    const orderId: string = created.body.orderId;
    expect((await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' })).status).toBe(202);
    const first = await sagaEnded(orderId);
    expect(first.status).toBe('SUCCEEDED');

    // The bus delivers at least once: the same OrderPlaced again, as the forwarder published it.
    const started = await invocations('StartSagaHandler');
    const placed = await eventually(() => busEntries(), (all) => all.some((e) => e.DetailType === 'OrderPlaced' && e.Detail.includes(orderId)), { what: 'OrderPlaced on the bus' });
    const entry = placed.find((e) => e.DetailType === 'OrderPlaced' && e.Detail.includes(orderId))!;
    await new EventBridgeClient(clientConfig('edge')).send(new PutEventsCommand({ Entries: [{ ...entry, EventBusName: testEnv().outputs!.EventBusName }] }));
    await eventually(() => invocations('StartSagaHandler'), (n) => n > started, { what: 'the start delivered again' });
    // A second saga would have claimed the run and taken its first steps within milliseconds here.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    // The saga is the first one, unchanged: same execution, same steps, each forward step once.
    const saga = await sagaEnded(orderId);
    expect(saga.executionArn).toBe(first.executionArn);
    expect(saga.steps).toEqual(first.steps);
    expect(saga.path.filter((step) => ['ReserveStock', 'ChargePayment', 'CommitStock', 'ConfirmOrder'].includes(step))).toEqual(['ReserveStock', 'ChargePayment', 'CommitStock', 'ConfirmOrder']);
    expect(await paymentEvents(orderId)).toEqual(['PaymentAttempted', 'PaymentCharged']);
    expect(await eventTypes(`order#${orderId}`)).toEqual(['OrderCreated', 'OrderPlaced', 'OrderConfirmed']);
    const product = await eventually(() => api('GET', `/products/${sku}`), (res) => res.body?.sold === 1, { what: 'the one sale in the products view' });
    expect(product.body).toMatchObject({ sold: 1, reserved: 0 });
  });
});
