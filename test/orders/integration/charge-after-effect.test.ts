import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { api } from '../../support/api';
import { eventually } from '../../support/eventually';
import { addProduct, createOrder } from '../../support/fixtures';
import { describeLocal } from '../../support/local-only';
import { runTool } from '../../support/local-tools';
import { injectFault, paymentEvents, sagaEnded, type Fault } from '../../support/saga';
import { clientConfig, testEnv } from '../../support/test-env';

/**
 * ChargePayment killed after the gateway charged, through the local runtime's dependency faults
 * (local/faults.ts): the step's invocation times out as the gateway (its simulator keeps its
 * records in the ledger table) writes the charge, or every append of the charge's answer is
 * throttled past the SDK's and the saga's retries. The charge was made and never recorded by the
 * step; the refund path must find it by the attempt's idempotency key and refund it, once.
 */
const scenarios: { name: string; fault: (orderId: string) => Fault }[] = [
  {
    name: 'the step times out as the gateway charges',
    fault: (orderId) => ({
      kind: 'dependency',
      dependency: 'dynamodb',
      function: 'ChargePaymentFunction',
      orderId,
      table: 'PaymentGatewayLedger',
      operation: 'PutItem',
      when: 'after',
      error: { name: 'Sandbox.Timedout', message: 'Task timed out' },
      times: 99,
    }),
  },
  {
    name: "the append of the charge's answer stays throttled",
    fault: (orderId) => ({
      kind: 'dependency',
      dependency: 'dynamodb',
      function: 'ChargePaymentFunction',
      orderId,
      requestContains: 'PaymentCharged',
      error: { name: 'ProvisionedThroughputExceededException', message: 'throttled by a test' },
      times: 99,
    }),
  },
];

describeLocal('a charge made by a step that died after the gateway charged', "injects dependency faults through the local runtime's test hooks", () => {
  it.concurrent.each(scenarios.map((s) => [s.name, s] as const))('%s: refunded exactly once, the customer told so, nothing left for the reconciler', async (_name, s) => {
    const sku = await addProduct(5);
    const orderId = await createOrder([{ sku, quantity: 1 }]);
    await injectFault(s.fault(orderId));
    expect((await api('POST', `/orders/${orderId}/place`, { paymentMethod: 'tok_visa' })).status).toBe(202);

    const saga = await sagaEnded(orderId, 90_000);
    expect(saga.status).toBe('FAILED');
    expect(saga.path).toContain('RefundPayment');

    // The intent, then what the refund path found at the gateway, then its refund: once each.
    expect(await paymentEvents(orderId)).toEqual(['PaymentAttempted', 'PaymentCharged', 'PaymentRefunded']);
    const ledger = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig('dynamodb')));
    const { Item } = await ledger.send(new GetCommand({ TableName: testEnv().outputs?.PaymentGatewayLedgerTableName, Key: { idempotencyKey: `charge-${orderId}` }, ConsistentRead: true }));
    expect(Item).toMatchObject({ outcome: { status: 'charged', chargeId: `ch_${orderId}` }, refundId: `re_${orderId}` });

    const order = await eventually(() => api('GET', `/orders/${orderId}`), (r) => r.body?.status === 'cancelled' && r.body?.paymentStatus === 'refunded', {
      what: `order ${orderId} cancelled with its payment refunded`,
    });
    expect(order.body.cancellationReason).toBe('we could not complete this order because of a problem on our side; your payment has been refunded');
    const product = await eventually(() => api('GET', `/products/${sku}`), (r) => r.body?.reserved === 0, { what: 'the reservation released' });
    expect(product.body.available).toBe(5);

    const report = JSON.parse(await runTool('reconcile', ['--grace-minutes', '0', '--order', orderId])) as { findings: unknown[] };
    expect(report.findings).toEqual([]);
  });
});
