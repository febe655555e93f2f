import { chargeIdempotencyKey, paymentDecider, paymentStreamId, type PaymentCommand, type PaymentState } from '../domain';
import { decideAndAppend, loadState, type AppendContext, type EventStore } from '../../platform/eventstore';
import type { PaymentGateway } from '../payments/payment-gateway';

/**
 * Gives back what an order paid. A charge attempt whose answer was never recorded (the step died
 * after asking the gateway) is settled first: the gateway says by its idempotency key whether it
 * charged, and voids it if not, and that is recorded. Then a charge is refunded and recorded.
 * Nothing charged, or already refunded, refunds nothing (the decider says so): safe after any
 * failure and on every retry. Answers the payment's status after it, for what the customer is told.
 */
export async function refundOrder(store: EventStore, gateway: PaymentGateway, orderId: string, context: AppendContext): Promise<{ refundId?: string; payment: PaymentState['status'] }> {
  const streamId = paymentStreamId(orderId);
  const append = async (command: PaymentCommand) => (await decideAndAppend({ store, decider: paymentDecider, streamId, command, context })).state;
  const now = () => new Date().toISOString();
  let { state } = await loadState(store, paymentDecider, streamId);
  if (state.status === 'attempted') {
    const outcome = await gateway.settle(state.idempotencyKey);
    state = await append({ type: 'SettleAttempt', data: { orderId, outcome }, metadata: { now: now() } });
  }
  if (state.status !== 'charged') return { payment: state.status };
  const { refundId } = await gateway.refund({ idempotencyKey: chargeIdempotencyKey(orderId), chargeId: state.chargeId, amount: state.amount });
  const after = await append({ type: 'RefundPayment', data: { orderId, refundId }, metadata: { now: now() } });
  return after.status === 'refunded' ? { refundId: after.refundId, payment: after.status } : { payment: after.status };
}
