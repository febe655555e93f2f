import { PaymentDeclined, chargeIdempotencyKey, paymentDecider, paymentStreamId, type Money, type PaymentCommand, eventSchemas } from '../domain';
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
const gateway = paymentGatewayFromEnv(client);
const vault = paymentMethodVault(client, requireEnv(ORDERS_ENV.paymentMethodsTable));

type ChargeInput = StepInput & { total: Money; paymentMethodRef?: string | null };

/**
 * Saga step: charges the order's total. The intent (PaymentAttempted, with the gateway's
 * idempotency key) is recorded before the gateway is asked, so a step that dies after the gateway
 * charged leaves a trace the refund path settles (refund-order.ts). The gateway is asked while
 * the attempt has no recorded answer (a retry asks under the same key, and gets the same answer),
 * with the token the order's reference points at; a decline is recorded, then thrown as
 * PaymentDeclined for the state machine to catch. PaymentGatewayUnavailable is left to the state
 * machine's Retry.
 */
export const handler = sagaStep('ChargePayment', async (input: ChargeInput): Promise<{ chargeId: string }> => {
  const streamId = paymentStreamId(input.orderId);
  const append = async (command: PaymentCommand) => decideAndAppend({ store, decider: paymentDecider, streamId, command, context: sagaContext(input, 'ChargePayment') });
  let { state } = await loadState(store, paymentDecider, streamId);
  if (state.status === 'none') {
    ({ state } = await append({ type: 'AttemptPayment', data: { orderId: input.orderId, amount: input.total, idempotencyKey: chargeIdempotencyKey(input.orderId) }, metadata: { now: new Date().toISOString() } }));
  }
  if (state.status === 'attempted') {
    const outcome = await charge(input, state.idempotencyKey);
    const recorded = await append({ type: 'ChargePayment', data: { orderId: input.orderId, amount: input.total, outcome }, metadata: { now: new Date().toISOString() } });
    // Counted once, when the decline is recorded.
    if (recorded.events.some((event) => event.type === 'PaymentDeclined')) emitBusinessMetric('PaymentsDeclined', {});
    state = recorded.state;
  }
  if (state.status === 'declined') throw new PaymentDeclined({ orderId: input.orderId, reason: state.reason });
  if (state.status === 'refunded' || state.status === 'voided') throw new PaymentDeclined({ orderId: input.orderId, reason: `the payment was already ${state.status}` });
  if (state.status !== 'charged') throw new Error(`payment of order ${input.orderId} is ${state.status} after charging`);
  return { chargeId: state.chargeId };
});

async function charge(input: ChargeInput, idempotencyKey: string) {
  const method = input.paymentMethodRef ? await vault.takeForCharge(input.paymentMethodRef, input.orderId) : { token: DEFAULT_PAYMENT_METHOD, attempt: 1 };
  if (!method) return { status: 'declined', reason: 'the payment method has expired; place the order again' } as const;
  return gateway.charge({ idempotencyKey, orderId: input.orderId, amount: input.total, paymentMethod: method.token, attempt: method.attempt });
}
