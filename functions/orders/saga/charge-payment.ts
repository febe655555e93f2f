import { PaymentDeclined, paymentDecider, paymentStreamId, type Money, eventSchemas } from '../domain';
import { documentClient, eventStoreFromEnv } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { decideAndAppend, loadState } from '../../platform/eventstore';
import { paymentGatewayFromEnv } from '../payments/gateway-from-env';
import { paymentMethodVault } from '../payments/payment-methods';
import { DEFAULT_PAYMENT_METHOD } from '../payments/simulated-gateway';
import { emitBusinessMetric } from '../../platform/observability/business-metrics';
import { sagaContext } from './saga-context';
import { sagaStep, type StepInput } from './order-saga-step';
import { ORDERS_ENV } from '../contract/environment';

const client = documentClient();
const store = eventStoreFromEnv(eventSchemas, client);
const gateway = paymentGatewayFromEnv();
const vault = paymentMethodVault(client, requireEnv(ORDERS_ENV.paymentMethodsTable));

type ChargeInput = StepInput & { total: Money; paymentMethodRef?: string | null };

/**
 * Saga step: charges the order's total. The gateway is asked only while the order has no payment
 * (it is idempotent per order anyway), with the token the order's reference points at; a decline
 * is recorded, then thrown as PaymentDeclined for the state machine to catch.
 * PaymentGatewayUnavailable is left to the state machine's Retry.
 */
export const handler = sagaStep('ChargePayment', async (input: ChargeInput): Promise<{ chargeId: string }> => {
  const streamId = paymentStreamId(input.orderId);
  const { state: before } = await loadState(store, paymentDecider, streamId);
  const state = before.status === 'none' ? await charge(streamId, input) : before;
  if (state.status === 'declined') throw new PaymentDeclined({ orderId: input.orderId, reason: state.reason });
  if (state.status === 'refunded') throw new PaymentDeclined({ orderId: input.orderId, reason: 'the payment was already refunded' });
  if (state.status !== 'charged') throw new Error(`payment of order ${input.orderId} is ${state.status} after charging`);
  return { chargeId: state.chargeId };
});

async function charge(streamId: string, input: ChargeInput) {
  const method = input.paymentMethodRef ? await vault.takeForCharge(input.paymentMethodRef, input.orderId) : { token: DEFAULT_PAYMENT_METHOD, attempt: 1 };
  const outcome = method
    ? await gateway.charge({ orderId: input.orderId, amount: input.total, paymentMethod: method.token, attempt: method.attempt })
    : ({ status: 'declined', reason: 'the payment method has expired; place the order again' } as const);
  const { state, events } = await decideAndAppend({
    store,
    decider: paymentDecider,
    streamId,
    command: { type: 'ChargePayment', data: { orderId: input.orderId, amount: input.total, outcome }, metadata: { now: new Date().toISOString() } },
    context: sagaContext(input, 'ChargePayment'),
  });
  // Counted once, when the decline is recorded.
  if (events.some((event) => event.type === 'PaymentDeclined')) emitBusinessMetric('PaymentsDeclined', {});
  return state;
}
