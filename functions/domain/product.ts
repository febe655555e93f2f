import { assertNever } from './decider';
import type { Money } from './money';

export type ProductEvent =
  | { type: 'ProductAdded'; data: { sku: string; name: string; price: Money; initialStock: number; addedAt: string } }
  | { type: 'StockReserved'; data: { sku: string; orderId: string; quantity: number; reservedAt: string } }
  | { type: 'StockReleased'; data: { sku: string; orderId: string; quantity: number; releasedAt: string } }
  | { type: 'StockAdded'; data: { sku: string; quantity: number; addedAt: string } }
  | { type: 'StockCommitted'; data: { sku: string; orderId: string; quantity: number; committedAt: string } }
  | { type: 'StockReturned'; data: { sku: string; orderId: string; quantity: number; returnedAt: string } };

export type ProductCommand =
  | { type: 'AddProduct'; data: { sku: string; name: string; price: Money; initialStock: number }; metadata: { now: string } }
  | { type: 'ReserveStock'; data: { sku: string; orderId: string; quantity: number }; metadata: { now: string } }
  | { type: 'ReleaseStock'; data: { sku: string; orderId: string }; metadata: { now: string } }
  | { type: 'Restock'; data: { sku: string; quantity: number }; metadata: { now: string } }
  | { type: 'CommitStock'; data: { sku: string; orderId: string }; metadata: { now: string } };

/**
 * A product and its stock. Reservations are keyed by order id, so each order holds at most one;
 * a committed reservation leaves the stock on hand as sold, remembered by order id so committing
 * twice is a no-op.
 */
export type ProductState =
  | { status: 'none' }
  | { status: 'active'; sku: string; name: string; price: Money; onHand: number; sold: number; reservations: Record<string, number>; committed: Record<string, number> };

export const initialProductState: ProductState = { status: 'none' };

/** Units on hand that no order holds. */
export function availableStock(state: ProductState): number {
  if (state.status === 'none') return 0;
  return state.onHand - Object.values(state.reservations).reduce((sum, quantity) => sum + quantity, 0);
}

/** Applies one product event to the state. */
export function evolveProduct(state: ProductState, event: ProductEvent): ProductState {
  switch (event.type) {
    case 'ProductAdded': {
      const { sku, name, price, initialStock } = event.data;
      return { status: 'active', sku, name, price, onHand: initialStock, sold: 0, reservations: {}, committed: {} };
    }
    case 'StockReserved':
      if (state.status === 'none') return state;
      return { ...state, reservations: { ...state.reservations, [event.data.orderId]: event.data.quantity } };
    case 'StockReleased': {
      if (state.status === 'none') return state;
      const { [event.data.orderId]: _released, ...kept } = state.reservations;
      return { ...state, reservations: kept };
    }
    case 'StockAdded':
      if (state.status === 'none') return state;
      return { ...state, onHand: state.onHand + event.data.quantity };
    case 'StockCommitted': {
      if (state.status === 'none') return state;
      const { [event.data.orderId]: _committed, ...kept } = state.reservations;
      const { quantity, orderId } = event.data;
      return { ...state, reservations: kept, onHand: state.onHand - quantity, sold: state.sold + quantity, committed: { ...state.committed, [orderId]: quantity } };
    }
    case 'StockReturned': {
      if (state.status === 'none') return state;
      const { [event.data.orderId]: _returned, ...kept } = state.committed;
      return { ...state, committed: kept, onHand: state.onHand + event.data.quantity, sold: state.sold - event.data.quantity };
    }
    default:
      return assertNever(event);
  }
}
