import { productDecider, type ProductCommand, productStreamId } from '../domain';
import { commandRoute } from '../../platform/http/command-route';
import { pathParameter } from '../../platform/http/path-parameter';
import { RestockBody } from '../http/requests';
import { Sku } from '../http/schemas';
import { stockLevelsFromEnv } from '../stock/stock-from-env';
import { client, idempotency, store } from './dependencies';

const levels = stockLevelsFromEnv(client);

/** POST /products/{sku}/restock (admins): adds units to the stock on hand, moving its stock level in the same transaction. */
export const handler = commandRoute({
  store,
  idempotency,
  decider: productDecider,
  alsoWrite: levels.writesFor,
  access: 'admin',
  body: RestockBody,
  status: 200,
  prepare: async ({ body, event, now }) => {
    const sku = pathParameter(event, 'sku', Sku);
    return { streamId: productStreamId(sku), command: { type: 'Restock', data: { sku, quantity: body.quantity }, metadata: { now } } satisfies ProductCommand };
  },
});
