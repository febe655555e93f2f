import { documentClient, eventStoreFromEnv } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import type { OrderStockPorts } from './order-stock';
import { stockLevels, type StockLevels } from './stock-levels';
import { ENV } from '../../platform/contract/environment';

/** The stock levels on the table named by `STOCK_LEVELS_TABLE`. */
export function stockLevelsFromEnv(client = documentClient()): StockLevels {
  return stockLevels(client, requireEnv(ENV.stockLevelsTable));
}

/** What the stock operations need, from the environment: the event store and the stock levels. */
export function orderStockFromEnv(): OrderStockPorts {
  const client = documentClient();
  return { store: eventStoreFromEnv(client), levels: stockLevelsFromEnv(client) };
}
