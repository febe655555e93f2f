import { assertNever } from '../../platform/domain/decider';
import type { Money } from '../../platform/domain/money';

export type ProductEvent =
  | { type: 'ProductAdded'; data: { sku: string; name: string; price: Money; initialStock: number; addedAt: string } }
  | { type: 'StockAdded'; data: { sku: string; quantity: number; addedAt: string } };

export type ProductCommand =
  | { type: 'AddProduct'; data: { sku: string; name: string; price: Money; initialStock: number }; metadata: { now: string } }
  | { type: 'Restock'; data: { sku: string; quantity: number }; metadata: { now: string } };

/**
 * A product of the catalogue. Its stock is not here: orders reserve it on their own reservation
 * streams, guarded by the product's stock level (see `stock.ts`), so a best-seller's stream does
 * not grow with its sales and its state stays this small whatever it sells.
 */
export type ProductState = { status: 'none' } | { status: 'active'; sku: string; name: string; price: Money };

export const initialProductState: ProductState = { status: 'none' };

/** Applies one product event to the state. */
export function evolveProduct(state: ProductState, event: ProductEvent): ProductState {
  switch (event.type) {
    case 'ProductAdded': {
      const { sku, name, price } = event.data;
      return { status: 'active', sku, name, price };
    }
    case 'StockAdded':
      // Units on hand live in the stock level, moved in the same transaction as this event.
      return state;
    default:
      return assertNever(event);
  }
}
