import { randomUUID } from 'node:crypto';
import { orderDecider, type OrderCommand, orderStreamId, priceLines } from '../domain';
import { loadProducts, productStates } from './load-products';
import { commandRoute } from '../../platform/http/command-route';
import { CreateOrderBody } from '../http/requests';
import { idempotency, store } from './dependencies';

/** POST /orders: creates a draft order for the caller (the token's subject), its lines priced from the catalogue now. */
export const handler = commandRoute({
  store,
  idempotency,
  decider: orderDecider,
  access: 'signed-in',
  body: CreateOrderBody,
  status: 201,
  prepare: async ({ body: { currency, items, shippingAddress }, caller, now }) => {
    const products = await loadProducts(store, items.map((item) => item.sku));
    const orderId = randomUUID();
    return {
      streamId: orderStreamId(orderId),
      newStream: true,
      command: { type: 'CreateOrder', data: { orderId, customerId: caller.id, currency, items: priceLines(items, productStates(products)), shippingAddress }, metadata: { now } } satisfies OrderCommand,
      location: `/orders/${orderId}`,
    };
  },
});
