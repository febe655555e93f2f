import { z } from 'zod';
import { productDecider, productStreamId } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { decideAndAppend } from '../eventstore';
import { commandHandler, requestContext } from '../http/api-handler';
import { json } from '../http/responses';
import { Money, Sku } from '../http/schemas';

const store = eventStoreFromEnv();

const AddProductBody = z.strictObject({
  sku: Sku,
  name: z.string().trim().min(1).max(200),
  price: Money,
  stock: z.number().int('stock is a whole number').min(0).max(1_000_000_000),
});

/** POST /products: adds a product to the catalogue with its initial stock. */
export const handler = commandHandler(AddProductBody, async (event) => {
  const { sku, name, price, stock } = event.parsedBody;
  const { state, version } = await decideAndAppend({
    store,
    decider: productDecider,
    streamId: productStreamId(sku),
    command: { type: 'AddProduct', data: { sku, name, price, initialStock: stock }, metadata: { now: new Date().toISOString() } },
    context: requestContext(event),
  });
  return json(201, { ...state, version }, { version, location: `/products/${encodeURIComponent(sku)}` });
});
