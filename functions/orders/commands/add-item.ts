import { orderDecider, type OrderCommand, orderStreamId, priceLines } from '../domain';
import { loadProducts, productStates } from './load-products';
import { commandRoute } from '../../platform/http/command-route';
import { orderOwnerOnly } from '../http/order-access';
import { pathParameter } from '../../platform/http/path-parameter';
import { AddItemBody } from '../http/requests';
import { OrderId } from '../http/schemas';
import { idempotency, store } from './dependencies';

/** POST /orders/{id}/items: adds a line to one of the caller's drafts, priced from the catalogue now. */
export const handler = commandRoute({
  store,
  idempotency,
  decider: orderDecider,
  access: 'signed-in',
  authorize: orderOwnerOnly,
  body: AddItemBody,
  status: 200,
  prepare: async ({ body, event, now }) => {
    const orderId = pathParameter(event, 'id', OrderId);
    const [line] = priceLines([body], productStates(await loadProducts(store, [body.sku])));
    return { streamId: orderStreamId(orderId), command: { type: 'AddItem', data: { orderId, line: line! }, metadata: { now } } satisfies OrderCommand };
  },
});
