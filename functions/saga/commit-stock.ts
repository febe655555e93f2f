import { decideCommit } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { loadProducts, productStates, retryOnConflict } from '../eventstore';
import { appendProductDecisions } from './append-product-decisions';
import { sagaContext, type SagaLines } from './saga-context';

const store = eventStoreFromEnv();

/** Saga step: the confirmed order's reservations become sales, in one transaction; twice is a no-op. */
export async function handler(input: SagaLines): Promise<{ committed: string[] }> {
  const skus = input.lines.map((line) => line.sku);
  await retryOnConflict(async () => {
    const products = await loadProducts(store, skus);
    const decisions = decideCommit({ orderId: input.orderId, skus, products: productStates(products), now: new Date().toISOString() });
    await appendProductDecisions(store, products, decisions, sagaContext(input.orderId, 'CommitStock'));
  });
  return { committed: skus };
}
