import { PaymentDeclined, paymentDecider, paymentStreamId, type Money } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { decideAndAppend, loadState } from '../eventstore';
import { paymentGatewayFromEnv } from '../payments/gateway-from-env';
import { DEFAULT_PAYMENT_METHOD } from '../payments/simulated-gateway';
import { sagaContext } from './saga-context';

const store = eventStoreFromEnv();
const gateway = paymentGatewayFromEnv();

/**
 * Saga step: charges the order's total. The gateway is asked only while the order has no payment
 * (it is idempotent per order anyway); a decline is recorded, then thrown as PaymentDeclined for
 * the state machine to catch. PaymentGatewayUnavailable is left to the state machine's Retry.
 */
export async function handler(input: { orderId: string; total: Money; paymentMethod?: string | null }): Promise<{ chargeId: string }> {
  const streamId = paymentStreamId(input.orderId);
  const { state: before } = await loadState(store, paymentDecider, streamId);
  const state = before.status === 'none' ? await charge(streamId, input) : before;
  if (state.status === 'declined') throw new PaymentDeclined({ orderId: input.orderId, reason: state.reason });
  if (state.status === 'refunded') throw new PaymentDeclined({ orderId: input.orderId, reason: 'the payment was already refunded' });
  if (state.status !== 'charged') throw new Error(`payment of order ${input.orderId} is ${state.status} after charging`);
  return { chargeId: state.chargeId };
}

async function charge(streamId: string, input: { orderId: string; total: Money; paymentMethod?: string | null }) {
  const outcome = await gateway.charge({ orderId: input.orderId, amount: input.total, paymentMethod: input.paymentMethod ?? DEFAULT_PAYMENT_METHOD });
  const { state } = await decideAndAppend({
    store,
    decider: paymentDecider,
    streamId,
    command: { type: 'ChargePayment', data: { orderId: input.orderId, amount: input.total, outcome }, metadata: { now: new Date().toISOString() } },
    context: sagaContext(input.orderId, 'ChargePayment'),
  });
  return state;
}
