import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { orderDecider, type OrderCommand, orderStreamId, priceLines } from '../domain';
import { loadProducts, productStates } from '../eventstore';
import { commandRoute } from '../http/command-route';
import { Currency, Line, ShippingAddress } from '../http/schemas';
import { idempotency, store } from './dependencies';

const CreateOrderBody = z.strictObject({
  customerId: z.string().trim().min(1).max(128),
  currency: Currency,
  items: z.array(Line).max(100).default([]),
  shippingAddress: ShippingAddress.optional(),
});

/** POST /orders: creates a draft order, its lines priced from the catalogue now. */
export const handler = commandRoute({
  store,
  idempotency,
  decider: orderDecider,
  body: CreateOrderBody,
  status: 201,
  prepare: async ({ body: { customerId, currency, items, shippingAddress }, now }) => {
    const products = await loadProducts(store, items.map((item) => item.sku));
    const orderId = randomUUID();
    return {
      streamId: orderStreamId(orderId),
      command: { type: 'CreateOrder', data: { orderId, customerId, currency, items: priceLines(items, productStates(products)), shippingAddress }, metadata: { now } } satisfies OrderCommand,
      location: `/orders/${orderId}`,
    };
  },
});
