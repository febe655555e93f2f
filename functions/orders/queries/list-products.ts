import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { routeHandler } from '../../platform/http/api-handler';
import { json } from '../../platform/http/responses';
import { decodeCursor, encodeCursor } from '../../platform/queries/cursor';
import { queryParameters } from '../../platform/queries/page-query';
import { ListProductsQuery } from '../http/requests';
import type { ProductPage } from '../http/responses';
import { Sku } from '../http/schemas';
import * as z from '../../platform/http/zod';
import type { ProductView } from '../projections/product-view';
import { stockLevelsFromEnv } from '../stock/stock-from-env';
import { productWithStock } from './product-with-stock';
import { ORDERS_ENV } from '../contract/environment';

const client = documentClient();
const tableName = requireEnv(ORDERS_ENV.productsTable);
const levels = stockLevelsFromEnv(client);

/** GET /products?limit=&cursor=: the catalogue with stock, a page at a time (in table order). */
export const handler = routeHandler('signed-in', async (event) => {
  const { limit, cursor } = queryParameters(event, ListProductsQuery);
  const page = await client.send(new ScanCommand({ TableName: tableName, Limit: limit, ExclusiveStartKey: decodeCursor(cursor, 'products', z.strictObject({ sku: Sku })) }));
  const views = (page.Items ?? []) as ProductView[];
  const stock = await levels.read(views.map((view) => view.sku));
  return json(200, { items: views.map((view) => productWithStock(view, stock[view.sku])), nextCursor: encodeCursor(page.LastEvaluatedKey, 'products') } satisfies z.output<typeof ProductPage>);
});
