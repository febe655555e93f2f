import { decideRelease, paymentDecider, paymentStreamId } from '../domain';
import { decideAndAppend, loadProducts, loadState, productStates, retryOnConflict, type AppendContext, type EventStore } from '../eventstore';
import type { PaymentGateway } from '../payments/payment-gateway';
import { appendProductDecisions } from './append-product-decisions';

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

/**
 * Gives back whatever the order holds of these products (reserved or sold), in one transaction;
 * nothing held is a no-op. Says whether anything was given back.
 */
export async function releaseOrderStock(store: EventStore, orderId: string, skus: string[], context: AppendContext): Promise<boolean> {
  return retryOnConflict(async () => {
    const products = await loadProducts(store, skus);
    const decisions = decideRelease({ orderId, skus, products: productStates(products), now: new Date().toISOString() });
    await appendProductDecisions(store, products, decisions, context);
    return decisions.some((decision) => decision.events.length > 0);
  });
}
