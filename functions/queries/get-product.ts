import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { routeHandler } from '../http/api-handler';
import { pathParameter } from '../http/path-parameter';
import { json } from '../http/responses';
import { Sku } from '../http/schemas';
import { readView } from './read-view';

const client = documentClient();
const productsTable = requireEnv('PRODUCTS_TABLE');

/** GET /products/{sku}: the product with its stock (on hand, reserved, available). */
export const handler = routeHandler('signed-in', async (event) => {
  const sku = pathParameter(event, 'sku', Sku);
  const product = await readView(client, productsTable, { sku }, `product ${sku}`);
  return json(200, product, { version: product.version });
});
