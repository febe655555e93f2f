import type { Decider } from '../../platform/domain/decider';
import { evolveProduct, initialProductState, type ProductCommand, type ProductEvent, type ProductState } from './product';
import { decideProduct } from './product-decide';

/** The Product aggregate (stream `product#<sku>`). */
export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  initialState: initialProductState,
  evolve: evolveProduct,
  decide: decideProduct,
  // A product's stream grows only with restocks (its sales are on the orders' reservation streams).
  snapshots: { every: 100, stateVersion: 1 },
};
