import { assertNever, type Money, type ProductEvent } from '../domain';

/** A row of the products view: what `GET /products/{sku}` answers. */
export type ProductView = {
  sku: string;
  name: string;
  price: Money;
  onHand: number;
  sold: number;
  reserved: number;
  available: number;
  /** Units held per order id, so a release knows what it gives back. */
  reservations: Record<string, number>;
  updatedAt: string;
  version: number;
};

/** Folds one product event into the view row (pure; the caller guarantees version order). */
export function applyProductEvent(view: ProductView | undefined, event: ProductEvent, meta: { version: number; at: string }): ProductView {
  if (event.type === 'ProductAdded') {
    const { sku, name, price, initialStock } = event.data;
    return withStock({ sku, name, price, onHand: initialStock, sold: 0, reservations: {}, updatedAt: meta.at, version: meta.version });
  }
  if (!view) throw new Error(`${event.type} at version ${meta.version} has no ProductAdded before it`);
  const next = { ...view, updatedAt: meta.at, version: meta.version };
  switch (event.type) {
    case 'StockReserved':
      return withStock({ ...next, reservations: { ...view.reservations, [event.data.orderId]: event.data.quantity } });
    case 'StockReleased': {
      const { [event.data.orderId]: _released, ...kept } = view.reservations;
      return withStock({ ...next, reservations: kept });
    }
    case 'StockAdded':
      return withStock({ ...next, onHand: view.onHand + event.data.quantity });
    case 'StockCommitted': {
      const { [event.data.orderId]: _committed, ...kept } = view.reservations;
      return withStock({ ...next, reservations: kept, onHand: view.onHand - event.data.quantity, sold: view.sold + event.data.quantity });
    }
    case 'StockReturned':
      return withStock({ ...next, onHand: view.onHand + event.data.quantity, sold: view.sold - event.data.quantity });
    default:
      return assertNever(event);
  }
}

function withStock(view: Omit<ProductView, 'reserved' | 'available'>): ProductView {
  const reserved = Object.values(view.reservations).reduce((sum, quantity) => sum + quantity, 0);
  return { ...view, reserved, available: view.onHand - reserved };
}
