import { eventStoreFromEnv } from '../../platform/clients';
import { paymentGatewayFromEnv } from '../payments/gateway-from-env';
import { refundOrder } from './refund-order';
import { emitBusinessMetric } from '../../platform/observability/business-metrics';
import { sagaContext } from './saga-context';
import { sagaStep, type StepInput } from './order-saga-step';
import { eventSchemas } from '../domain';

const store = eventStoreFromEnv(eventSchemas);
const gateway = paymentGatewayFromEnv();

/**
 * Saga compensation: refunds the order's charge, if there is one; safe to run after any failure and
 * to retry. Counted as a compensation (SagaCompensations, step RefundPayment) only when it refunded.
 */
export const handler = sagaStep('RefundPayment', async (input: StepInput): Promise<{ refundId?: string }> => {
  const refund = await refundOrder(store, gateway, input.orderId, sagaContext(input, 'RefundPayment'));
  if (refund.refundId) emitBusinessMetric('SagaCompensations', { step: 'RefundPayment' });
  return refund;
});
