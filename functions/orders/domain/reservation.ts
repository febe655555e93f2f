import { assertNever } from '../../platform/domain/decider';

/** What an order holds of one product, by the last thing that happened to it. */
export type Hold = { quantity: number; status: 'reserved' | 'committed' | 'released' | 'returned' };

export type ReservationEvent =
  | { type: 'StockReserved'; data: { sku: string; orderId: string; quantity: number; reservedAt: string } }
  | { type: 'StockReleased'; data: { sku: string; orderId: string; quantity: number; releasedAt: string } }
  | { type: 'StockCommitted'; data: { sku: string; orderId: string; quantity: number; committedAt: string } }
  | { type: 'StockReturned'; data: { sku: string; orderId: string; quantity: number; returnedAt: string } };

export type ReservationCommand =
  | { type: 'ReserveStock'; data: { orderId: string; lines: { sku: string; quantity: number }[] }; metadata: { now: string } }
  | { type: 'ReleaseStock'; data: { orderId: string }; metadata: { now: string } }
  | { type: 'CommitStock'; data: { orderId: string }; metadata: { now: string } };

/**
 * One order's hold on stock (stream `reservation#<orderId>`): what it reserved of each product and
 * what became of it. It lives on the order's own stream, not the product's, so reservations of
 * one product by many orders never contend for one stream; the product's stock level guards the
 * units they share (see `stock.ts`). Its size is bounded by the order's lines.
 */
export type ReservationState = { status: 'none' } | { status: 'made'; orderId: string; holds: Record<string, Hold> };

export const initialReservationState: ReservationState = { status: 'none' };

const STATUS_AFTER: Record<ReservationEvent['type'], Hold['status']> = {
  StockReserved: 'reserved',
  StockReleased: 'released',
  StockCommitted: 'committed',
  StockReturned: 'returned',
};

/** Applies one reservation event to the state. */
export function evolveReservation(state: ReservationState, event: ReservationEvent): ReservationState {
  const { sku, orderId, quantity } = event.data;
  const holds = state.status === 'made' ? state.holds : {};
  switch (event.type) {
    case 'StockReserved':
    case 'StockReleased':
    case 'StockCommitted':
    case 'StockReturned':
      return { status: 'made', orderId, holds: { ...holds, [sku]: { quantity, status: STATUS_AFTER[event.type] } } };
    default:
      return assertNever(event);
  }
}
