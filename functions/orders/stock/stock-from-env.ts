import { documentClient, eventStoreFromEnv } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import type { OrderStockPorts } from './order-stock';
import { stockLevels, type StockLevels } from './stock-levels';
import { ORDERS_ENV } from '../contract/environment';
import { eventSchemas } from '../domain';

/** The stock levels on the table named by `STOCK_LEVELS_TABLE`. */
export function stockLevelsFromEnv(client = documentClient()): StockLevels {
  return stockLevels(client, requireEnv(ORDERS_ENV.stockLevelsTable));
}

/** What the stock operations need, from the environment: the event store and the stock levels. */
export function orderStockFromEnv(): OrderStockPorts {
  const client = documentClient();
  return { store: eventStoreFromEnv(eventSchemas, client), levels: stockLevelsFromEnv(client) };
}
