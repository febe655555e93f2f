import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { orderDecider, orderStreamId, priceLines } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { decideAndAppend, loadProducts, productStates } from '../eventstore';
import { commandHandler, requestContext } from '../http/api-handler';
import { json } from '../http/responses';
import { Currency, Quantity, Sku } from '../http/schemas';

const store = eventStoreFromEnv();

const CreateOrderBody = z.strictObject({
  customerId: z.string().trim().min(1).max(128),
  currency: Currency,
  items: z.array(z.strictObject({ sku: Sku, quantity: Quantity })).max(100).default([]),
});

/** POST /orders: creates a draft order, its lines priced from the catalogue now. */
export const handler = commandHandler(CreateOrderBody, async (event) => {
  const { customerId, currency, items } = event.parsedBody;
  const products = await loadProducts(store, items.map((item) => item.sku));
  const orderId = randomUUID();
  const { state, version } = await decideAndAppend({
    store,
    decider: orderDecider,
    streamId: orderStreamId(orderId),
    command: {
      type: 'CreateOrder',
      data: { orderId, customerId, currency, items: priceLines(items, productStates(products)) },
      metadata: { now: new Date().toISOString() },
    },
    context: requestContext(event),
  });
  return json(201, { ...state, version }, { version, location: `/orders/${orderId}` });
});
