import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { routeHandler } from '../../platform/http/api-handler';
import { pathParameter } from '../../platform/http/path-parameter';
import { json } from '../../platform/http/responses';
import type * as z from '../../platform/http/zod';
import type { ProductWithStock } from '../http/responses';
import { Sku } from '../http/schemas';
import { stockLevelsFromEnv } from '../stock/stock-from-env';
import { productWithStock } from './product-with-stock';
import { readView } from '../../platform/queries/read-view';
import { ORDERS_ENV } from '../contract/environment';

const client = documentClient();
const productsTable = requireEnv(ORDERS_ENV.productsTable);
const levels = stockLevelsFromEnv(client);

/** GET /products/{sku}: the product with its stock (on hand, reserved, sold, available), the stock as of now. */
export const handler = routeHandler('signed-in', async (event) => {
  const sku = pathParameter(event, 'sku', Sku);
  const [view, stock] = await Promise.all([readView(client, productsTable, { sku }, `product ${sku}`), levels.read([sku])]);
  return json(200, productWithStock(view, stock[sku]) satisfies Partial<z.output<typeof ProductWithStock>>, { version: view.version });
});
