import { productStreamId, type ProductEvent } from '../domain';
import type { AppendContext, EventStore, LoadedProducts } from '../eventstore';

/**
 * Appends what was decided for several products in ONE transaction, each stream at the version
 * it was read at: a reservation over several products is all or nothing.
 */
export async function appendProductDecisions(
  store: EventStore,
  products: LoadedProducts,
  decisions: { sku: string; events: ProductEvent[] }[],
  context: AppendContext,
): Promise<void> {
  await store.append(
    decisions.map(({ sku, events }) => ({ streamId: productStreamId(sku), expectedVersion: products[sku]?.version ?? 0, events })),
    context,
  );
}
