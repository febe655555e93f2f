import { productDecider, type ProductCommand, productStreamId } from '../domain';
import { commandRoute } from '../../platform/http/command-route';
import { AddProductBody } from '../http/requests';
import { stockLevelsFromEnv } from '../stock/stock-from-env';
import { client, idempotency, store } from './dependencies';

const levels = stockLevelsFromEnv(client);

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
