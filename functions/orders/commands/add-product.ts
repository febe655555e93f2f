import { productDecider, type ProductCommand, productStreamId } from '../domain';
import { commandRoute } from '../../platform/http/command-route';
import { Money, Text } from '../../platform/http/schemas';
import { Sku } from '../http/schemas';
import * as z from '../../platform/http/zod';
import { stockLevelsFromEnv } from '../stock/stock-from-env';
import { client, idempotency, store } from './dependencies';

const levels = stockLevelsFromEnv(client);

const AddProductBody = z.strictObject({
  sku: Sku,
  name: Text(200),
  price: Money,
  stock: z.number().check(z.int('stock is a whole number'), z.minimum(0), z.maximum(1_000_000_000)),
});

/** POST /products (admins): adds a product to the catalogue, and its stock level with the initial stock in the same transaction. */
export const handler = commandRoute({
  store,
  idempotency,
  decider: productDecider,
  alsoWrite: levels.writesFor,
  access: 'admin',
  body: AddProductBody,
  status: 201,
  prepare: async ({ body: { sku, name, price, stock }, now }) => ({
    streamId: productStreamId(sku),
    command: { type: 'AddProduct', data: { sku, name, price, initialStock: stock }, metadata: { now } } satisfies ProductCommand,
    location: `/products/${encodeURIComponent(sku)}`,
  }),
});
