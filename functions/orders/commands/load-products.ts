import { productDecider, productStreamId, type ProductState } from '../domain';
import { loadState, type EventStore } from '../../platform/eventstore';

export type LoadedProducts = Record<string, { state: ProductState; version: number }>;

/** Loads the products of some skus (each once), with the versions they were read at. */
export async function loadProducts(store: EventStore, skus: string[]): Promise<LoadedProducts> {
  const unique = [...new Set(skus)];
  const loaded = await Promise.all(unique.map((sku) => loadState(store, productDecider, productStreamId(sku))));
  return Object.fromEntries(unique.map((sku, i) => [sku, loaded[i]!]));
}

/** Just the states, as the pure domain functions take them. */
export function productStates(products: LoadedProducts): Record<string, ProductState> {
  return Object.fromEntries(Object.entries(products).map(([sku, { state }]) => [sku, state]));
}
