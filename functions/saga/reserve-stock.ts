import { decideReservation } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { loadProducts, productStates, retryOnConflict } from '../eventstore';
import { appendProductDecisions } from './append-product-decisions';
import { sagaContext, type SagaLines } from './saga-context';

const store = eventStoreFromEnv();

/**
 * Saga step: reserves every line of the order, all or nothing. Throws InsufficientStock (naming
 * the short skus) for the state machine to catch; reserving again for the same order is a no-op.
 */
export async function handler(input: SagaLines): Promise<{ reserved: SagaLines['lines'] }> {
  await retryOnConflict(async () => {
    const products = await loadProducts(store, input.lines.map((line) => line.sku));
    const decisions = decideReservation({ orderId: input.orderId, lines: input.lines, products: productStates(products), now: new Date().toISOString() });
    await appendProductDecisions(store, products, decisions, sagaContext(input.orderId, 'ReserveStock'));
  });
  return { reserved: input.lines };
}
