import { z } from 'zod';
import { productDecider, type ProductCommand, productStreamId } from '../domain';
import { commandRoute } from '../http/command-route';
import { Money, Sku } from '../http/schemas';
import { idempotency, store } from './dependencies';

const AddProductBody = z.strictObject({
  sku: Sku,
  name: z.string().trim().min(1).max(200),
  price: Money,
  stock: z.number().int('stock is a whole number').min(0).max(1_000_000_000),
});

/** POST /products: adds a product to the catalogue with its initial stock. */
export const handler = commandRoute({
  store,
  idempotency,
  decider: productDecider,
  body: AddProductBody,
  status: 201,
  prepare: async ({ body: { sku, name, price, stock }, now }) => ({
    streamId: productStreamId(sku),
    command: { type: 'AddProduct', data: { sku, name, price, initialStock: stock }, metadata: { now } } satisfies ProductCommand,
    location: `/products/${encodeURIComponent(sku)}`,
  }),
});
