import type { Decider } from './decider';
import { evolveProduct, initialProductState, type ProductCommand, type ProductEvent, type ProductState } from './product';
import { decideProduct } from './product-decide';

/** The Product aggregate (stream `product#<sku>`). */
export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  initialState: initialProductState,
  evolve: evolveProduct,
  decide: decideProduct,
};
