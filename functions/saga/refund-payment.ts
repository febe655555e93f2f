import { eventStoreFromEnv } from '../clients';
import { paymentGatewayFromEnv } from '../payments/gateway-from-env';
import { refundOrder } from './refund-order';
import { sagaContext } from './saga-context';

const store = eventStoreFromEnv();
const gateway = paymentGatewayFromEnv();

/** Saga compensation: refunds the order's charge, if there is one; safe to run after any failure and to retry. */
export async function handler(input: { orderId: string }): Promise<{ refundId?: string }> {
  return refundOrder(store, gateway, input.orderId, sagaContext(input.orderId, 'RefundPayment'));
}
