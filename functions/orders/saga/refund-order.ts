import { paymentDecider, paymentStreamId } from '../domain';
import { decideAndAppend, loadState, type AppendContext, type EventStore } from '../../platform/eventstore';
import type { PaymentGateway } from '../payments/payment-gateway';

/**
 * Refunds the order's charge through the gateway and records it. Nothing charged, or already
 * refunded, refunds nothing (the decider says so): safe after any failure and on every retry.
 */
export async function refundOrder(store: EventStore, gateway: PaymentGateway, orderId: string, context: AppendContext): Promise<{ refundId?: string }> {
  const streamId = paymentStreamId(orderId);
  const { state } = await loadState(store, paymentDecider, streamId);
  if (state.status !== 'charged') return {};
  const { refundId } = await gateway.refund({ orderId, chargeId: state.chargeId, amount: state.amount });
  const after = await decideAndAppend({
    store,
    decider: paymentDecider,
    streamId,
    command: { type: 'RefundPayment', data: { orderId, refundId }, metadata: { now: new Date().toISOString() } },
    context,
  });
  return after.state.status === 'refunded' ? { refundId: after.state.refundId } : {};
}
