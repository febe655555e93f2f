import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { executionArnOf } from '../../../functions/platform/saga/saga-report';
import { strandedExecutions } from '../../../functions/platform/reconcile/repairs';
import { api, asAdmin } from '../../support/api';
import { eventually } from '../../support/eventually';
import { addProduct, createOrder } from '../../support/fixtures';
import { describeLocal } from '../../support/local-only';
import { runTool } from '../../support/local-tools';
import { injectFault, paymentEvents } from '../../support/saga';
import { clientConfig, testEnv } from '../../support/test-env';

/**
 * An order whose saga execution is aborted after the charge (an operator's StopExecution): nothing
 * in the saga will refund it or give its stock back. The reconciler finds the order placed under
 * an ended execution and does the compensation with the saga's own commands. The steps after the
 * charge and every undo are held failing (the local runtime's test faults), so the execution is
 * surely running, the order charged, when it is stopped.
 */
describeLocal('an order whose saga was aborted after the charge', "injects failures through the local runtime's test hooks", () => {
  it('is cancelled by the reconciler: refunded once, stock back, the customer told; a second run finds nothing', async () => {
    const sku = await addProduct(5);
    const orderId = await createOrder([{ sku, quantity: 2 }]);
    for (const step of ['ConfirmOrder', 'CommitStock']) await injectFault({ kind: 'function', function: `${step}Function`, orderId, error: { name: 'Lambda.TooManyRequestsException', message: 'held by a test' }, times: 99 });
    for (const step of ['RefundPayment', 'ReleaseStock', 'CancelOrder']) await injectFault({ kind: 'function', function: `${step}Function`, orderId, error: { name: 'Error', message: 'held by a test' }, times: 99 });
    await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' });

    await eventually(() => paymentEvents(orderId), (types) => types.includes('PaymentCharged'), { what: 'the charge', intervalMs: 50 });
    const sfn = new SFNClient(clientConfig('edge'));
    await sfn.send(new StopExecutionCommand({ executionArn: executionArnOf(testEnv().outputs!.OrderSagaArn!, orderId), error: 'Operator', cause: 'stopped by a test' }));
    await eventually(() => asAdmin('GET', `/orders/${orderId}/saga`), (r) => r.body?.status === 'ABORTED', { what: 'the execution aborted' });

    // A scheduled run finds it among the executions Step Functions lists as aborted, whatever else it lists.
    const since = new Date(Date.now() - 3_600_000).toISOString();
    expect(await strandedExecutions(sfn, testEnv().outputs!.OrderSagaArn!, { since })).toContainEqual({ name: orderId, status: 'ABORTED' });

    const report = JSON.parse(await runTool('reconcile', ['--order', orderId])) as { findings: unknown[] };
    expect(report.findings).toEqual([{ kind: 'saga-stranded', orderId, repaired: true }]);
    expect(await paymentEvents(orderId)).toEqual(['PaymentAttempted', 'PaymentCharged', 'PaymentRefunded']);
    const order = await eventually(() => api('GET', `/orders/${orderId}`), (r) => r.body?.status === 'cancelled', { what: 'the order cancelled in its view' });
    expect(order.body.cancellationReason).toBe('we could not complete this order because of a problem on our side; your payment has been refunded');
    const product = await eventually(() => api('GET', `/products/${sku}`), (r) => r.body?.reserved === 0 && r.body?.sold === 0, { what: 'the stock back' });
    expect(product.body.available).toBe(5);

    expect(JSON.parse(await runTool('reconcile', ['--order', orderId])).findings).toEqual([]);
  });
});
