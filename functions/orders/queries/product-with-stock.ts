import type { StockLevel } from '../domain';

/** No level yet (the view is ahead of nothing: both are written together): nothing in stock. */
const NO_STOCK = { onHand: 0, reserved: 0, sold: 0, available: 0 };

/** A product as the API shows it: the catalogue view with the stock figures of its level. */
export function productWithStock<View extends object>(view: View, level: StockLevel | undefined) {
  const { onHand, reserved, sold, available } = level ?? NO_STOCK;
  return { ...view, onHand, reserved, sold, available };
}
