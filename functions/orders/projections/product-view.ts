import { assertNever, type Money, type ProductEvent } from '../domain';

/**
 * A row of the products view: the catalogue part of what `GET /products/{sku}` answers. The
 * stock figures beside it are read from the product's stock level, which reservations move in
 * their own transactions (see functions/stock): a view of them, a moment behind, would show a
 * sold-out best-seller as available.
 */
export type ProductView = {
  sku: string;
  name: string;
  price: Money;
  updatedAt: string;
  version: number;
};

/** Folds one product event into the view row (pure; the caller guarantees version order). */
export function applyProductEvent(view: ProductView | undefined, event: ProductEvent, meta: { version: number; at: string }): ProductView {
  if (event.type === 'ProductAdded') {
    const { sku, name, price } = event.data;
    return { sku, name, price, updatedAt: meta.at, version: meta.version };
  }
  if (!view) throw new Error(`${event.type} at version ${meta.version} has no ProductAdded before it`);
  switch (event.type) {
    case 'StockAdded':
      return { ...view, updatedAt: meta.at, version: meta.version };
    default:
      return assertNever(event);
  }
}
