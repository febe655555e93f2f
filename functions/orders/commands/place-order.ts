import { emitBusinessMetric } from '../../platform/observability/business-metrics';
import { orderDecider, type OrderCommand, orderStreamId } from '../domain';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { commandRoute } from '../../platform/http/command-route';
import { orderOwnerOnly } from '../http/order-access';
import { pathParameter } from '../../platform/http/path-parameter';
import { PlaceOrderBody } from '../http/requests';
import { OrderId } from '../http/schemas';
import { paymentMethodVault } from '../payments/payment-methods';
import { idempotency, store } from './dependencies';
import { ORDERS_ENV } from '../contract/environment';

const vault = paymentMethodVault(documentClient(), requireEnv(ORDERS_ENV.paymentMethodsTable));

/**
 * POST /orders/{id}/place: places one of the caller's drafts; the saga takes it from there (202).
 * The payment method token is kept apart, in the same transaction: the order holds a reference.
 * With `Prefer: wait=<seconds>` (at most 10) it answers 200 with the order once the saga has
 * confirmed, rejected or cancelled it within the wait.
 */
export const handler = commandRoute({
  store,
  idempotency,
  decider: orderDecider,
  access: 'signed-in',
  authorize: orderOwnerOnly,
  body: PlaceOrderBody,
  status: 202,
  outcome: (order) => order.status === 'confirmed' || order.status === 'rejected' || order.status === 'cancelled',
  onAppended: (events) => {
    if (events.some((event) => event.type === 'OrderPlaced')) emitBusinessMetric('OrdersPlaced', {});
  },
  prepare: async ({ body, event, now }) => {
    const orderId = pathParameter(event, 'id', OrderId);
    const { ref, put } = vault.keep(orderId, body.paymentMethod);
    return {
      streamId: orderStreamId(orderId),
      command: { type: 'PlaceOrder', data: { orderId, paymentMethodRef: ref }, metadata: { now } } satisfies OrderCommand,
      location: `/orders/${orderId}`,
      extra: [put],
    };
  },
});
