import { paymentDecider, paymentStreamId } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { decideAndAppend, loadState } from '../eventstore';
import { paymentGatewayFromEnv } from '../payments/gateway-from-env';
import { sagaContext } from './saga-context';

const store = eventStoreFromEnv();
const gateway = paymentGatewayFromEnv();

/**
 * Saga compensation: refunds the order's charge. Nothing charged, or already refunded, refunds
 * nothing (the decider says so), so the step is safe to run after any failure and to retry.
 */
export async function handler(input: { orderId: string }): Promise<{ refundId?: string }> {
  const streamId = paymentStreamId(input.orderId);
  const { state } = await loadState(store, paymentDecider, streamId);
  if (state.status !== 'charged') return {};
  const { refundId } = await gateway.refund({ orderId: input.orderId, chargeId: state.chargeId, amount: state.amount });
  const after = await decideAndAppend({
    store,
    decider: paymentDecider,
    streamId,
    command: { type: 'RefundPayment', data: { orderId: input.orderId, refundId }, metadata: { now: new Date().toISOString() } },
    context: sagaContext(input.orderId, 'RefundPayment'),
  });
  return after.state.status === 'refunded' ? { refundId: after.state.refundId } : {};
}
