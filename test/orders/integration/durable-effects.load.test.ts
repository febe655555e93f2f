import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { api, asAdmin } from '../../support/api';
import { eventually } from '../../support/eventually';
import { addProduct, createOrder, history } from '../../support/fixtures';
import { describeLocal } from '../../support/local-only';
import { advanceClock, invocations, runTool } from '../../support/local-tools';
import { injectFault, paymentEvents, sagaEnded } from '../../support/saga';
import { clientConfig, testEnv } from '../../support/test-env';

/**
 * Effects that must happen (start the saga, give back a cancelled order's money and stock) ride a
 * durable path: bus rule → SQS queue (14 days) → function, failures retried with backoff. Here
 * their function fails far past any stream's retry budget, through the local runtime's fault
 * hook, while the local clock is moved on (SQS visibility timeouts play out in seconds); the
 * reconciler and the redrive command are run as an operator runs them. The tests of this file
 * run one after another: only this file moves the clock. It is a load test (`*.load.test.ts`,
 * `npm run test:load`, one file at a time): the clock is every queue's, and a crash injected here
 * fails a whole batch, so beside other files it would hold up their messages too.
 */
const FAILURES = 200;


/** Moves the clock a visibility timeout at a time until `done`, as hours of outage would. */
async function outlast(done: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await advanceClock(61);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

async function confirmedOrder(stock: number): Promise<{ sku: string; orderId: string }> {
  const sku = await addProduct(stock);
  const orderId = await createOrder([{ sku, quantity: 2 }]);
  await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });
  expect((await sagaEnded(orderId)).status).toBe('SUCCEEDED');
  return { sku, orderId };
}

describeLocal('effects that must happen', 'injects failures through the local fault hook and moves the local clock', () => {
  it('the reconciler repairs a saga that never started and a cancellation never given back', async () => {
    // One cancelled order whose refund and stock return fail once (its message waits out a
    // visibility timeout meanwhile; a crash fails a whole batch, so nothing else is in flight)…
    const cancelled = await confirmedOrder(5);
    // …and one order whose saga start fails once.
    const sku = await addProduct(5);
    const unstarted = await createOrder([{ sku, quantity: 1 }]);
    await injectFault({ kind: 'function', function: 'StartSagaHandler', orderId: unstarted, error: { name: 'Error', message: 'Step Functions is down' }, times: 1 });
    await api('POST', `/orders/${unstarted}/place`, { paymentMethod: 'tok_visa' });
    await injectFault({ kind: 'function', function: 'UndoCustomerCancellationHandler', orderId: cancelled.orderId, error: { name: 'Error', message: 'the gateway is down' }, times: 1 });
    await api('POST', `/orders/${cancelled.orderId}/cancel`, { reason: 'changed my mind' });
    await eventually(() => invocations('UndoCustomerCancellation'), (n) => n > 0, { what: 'the failed undo' });
    await eventually(() => api('GET', `/orders/${cancelled.orderId}`), (r) => r.body?.status === 'cancelled', { what: 'the cancellation in the view' });
    await eventually(() => api('GET', `/orders/${unstarted}`), (r) => r.body?.status === 'placed', { what: 'the placed order in the view' });
    expect(await paymentEvents(cancelled.orderId)).toEqual(['PaymentAttempted', 'PaymentCharged']);

    const report = JSON.parse(await runTool('reconcile', ['--grace-minutes', '0', '--order', unstarted, '--order', cancelled.orderId]));
    expect(report.findings).toEqual(
      expect.arrayContaining([
        { kind: 'saga-missing', orderId: unstarted, repaired: true },
        { kind: 'refund-owed', orderId: cancelled.orderId, repaired: true },
        { kind: 'stock-held', orderId: cancelled.orderId, repaired: true },
      ]),
    );
    expect((await sagaEnded(unstarted)).status).toBe('SUCCEEDED');
    expect(await paymentEvents(cancelled.orderId)).toEqual(['PaymentAttempted', 'PaymentCharged', 'PaymentRefunded']);
    await eventually(() => api('GET', `/products/${cancelled.sku}`), (r) => r.body?.available === 5 && r.body?.sold === 0, { what: 'the stock back on the shelf' });
    // A second run finds nothing: every repair is done, and idempotent.
    expect(JSON.parse(await runTool('reconcile', ['--grace-minutes', '0', '--order', unstarted, '--order', cancelled.orderId])).findings).toEqual([]);
  });

  it(`refunds and returns the stock exactly once when the undo fails ${FAILURES} times in a row, then recovers`, async () => {
    const { sku, orderId } = await confirmedOrder(5);
    const before = await invocations('UndoCustomerCancellation');
    await injectFault({ kind: 'function', function: 'UndoCustomerCancellationHandler', orderId, error: { name: 'Error', message: 'the gateway is down' }, times: FAILURES });
    expect((await api('POST', `/orders/${orderId}/cancel`, { reason: 'changed my mind' })).status).toBe(200);
    await outlast(async () => (await paymentEvents(orderId)).includes('PaymentRefunded'), 'the refund');
    expect(await invocations('UndoCustomerCancellation')).toBeGreaterThan(before + FAILURES);
    expect(await paymentEvents(orderId)).toEqual(['PaymentAttempted', 'PaymentCharged', 'PaymentRefunded']);
    const stock = await eventually(() => api('GET', `/products/${sku}`), (r) => r.body?.sold === 0, { what: 'the stock back' });
    expect(stock.body).toMatchObject({ onHand: 5, available: 5, reserved: 0 });
    expect((await history(orderId)).map((e) => e.type)).toEqual(['OrderCreated', 'OrderPlaced', 'OrderConfirmed', 'OrderCancelled']);
  });

  it(`runs the saga exactly once when its start fails ${FAILURES} times in a row, then recovers`, async () => {
    const sku = await addProduct(5);
    const orderId = await createOrder([{ sku, quantity: 1 }]);
    await injectFault({ kind: 'function', function: 'StartSagaHandler', orderId, error: { name: 'Error', message: 'Step Functions is down' }, times: FAILURES });
    await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });
    const sfn = new SFNClient(clientConfig('edge'));
    const executions = async () => (await sfn.send(new ListExecutionsCommand({ stateMachineArn: testEnv().outputs!.OrderSagaArn, maxResults: 1000 }))).executions?.filter((e) => e.name === orderId) ?? [];
    await outlast(async () => (await executions()).length > 0, 'the saga to start');
    expect((await sagaEnded(orderId)).status).toBe('SUCCEEDED');
    expect(await executions()).toHaveLength(1);
  });

  it('keeps an event the effect gave up on in its dead-letter queue, and redrives it', async () => {
    // The start fails once: its message is hidden for a while. Meanwhile a copy of the event is
    // put in the dead-letter queue, as one that outlived every retry would be.
    const sku = await addProduct(5);
    const orderId = await createOrder([{ sku, quantity: 1 }]);
    await injectFault({ kind: 'function', function: 'StartSagaHandler', orderId, error: { name: 'Error', message: 'down' }, times: 1 });
    await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });
    const placed = (await history(orderId)).find((e) => e.type === 'OrderPlaced')!;
    const event = { version: '0', id: 'redriven', 'detail-type': 'OrderPlaced', source: 'orderline.order', detail: { eventId: 'e', streamId: `order#${orderId}`, version: placed.version, at: new Date().toISOString(), data: placed.data } };
    await new SQSClient(clientConfig('edge')).send(new SendMessageCommand({ QueueUrl: testEnv().outputs!.StartSagaDeadLetterQueueUrl, MessageBody: JSON.stringify(event) }));
    // The inbox intake takes it from the dead-letter queue; the redrive sends it back from there.
    await eventually(() => asAdmin('GET', '/inbox?kind=effect&limit=100'), (r) => r.body?.items?.some((item: { concerns?: { id: string } }) => item.concerns?.id === orderId), { what: 'the dead letter in the inbox' });
    expect(await runTool('redrive', ['StartSaga'])).toMatch(/StartSaga: 1 message\(s\) moved back/);
    expect((await sagaEnded(orderId)).status).toBe('SUCCEEDED');
  });
});
