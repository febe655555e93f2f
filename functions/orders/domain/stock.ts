import { InsufficientStock, ProductNotFound, type Shortage } from './errors';
import type { ProductEvent } from './product';
import type { ReservationEvent } from './reservation';

/**
 * A product's stock figures. `available` (on hand and held by no order) is what a reservation
 * takes from; the store keeps one such level per product and moves it in the same transaction
 * as each event below, refusing any move that would take `available` below zero.
 */
export type StockLevel = { sku: string; onHand: number; reserved: number; sold: number; available: number };

/** How an event moves a product's stock level: amounts added to each figure. */
export type StockMove = {
  sku: string;
  by: { onHand: number; reserved: number; sold: number; available: number };
  /** The move is refused unless this many units are available (a reservation). */
  needsAvailable?: number;
};

/** The level a new product starts at. */
export function initialStockLevel(event: Extract<ProductEvent, { type: 'ProductAdded' }>): StockLevel {
  const { sku, initialStock } = event.data;
  return { sku, onHand: initialStock, reserved: 0, sold: 0, available: initialStock };
}

/** How an event moves stock; undefined for one that moves none (ProductAdded creates the level instead). */
export function stockMoveOf(event: ProductEvent | ReservationEvent): StockMove | undefined {
  const move = (by: Partial<StockMove['by']>, needsAvailable?: number): StockMove => ({
    sku: event.data.sku,
    by: { onHand: 0, reserved: 0, sold: 0, available: 0, ...by },
    ...(needsAvailable === undefined ? {} : { needsAvailable }),
  });
  switch (event.type) {
    case 'ProductAdded':
      return undefined;
    case 'StockAdded':
      return move({ onHand: event.data.quantity, available: event.data.quantity });
    case 'StockReserved':
      return move({ reserved: event.data.quantity, available: -event.data.quantity }, event.data.quantity);
    case 'StockReleased':
      return move({ reserved: -event.data.quantity, available: event.data.quantity });
    case 'StockCommitted':
      return move({ reserved: -event.data.quantity, onHand: -event.data.quantity, sold: event.data.quantity });
    case 'StockReturned':
      return move({ sold: -event.data.quantity, onHand: event.data.quantity, available: event.data.quantity });
  }
}

/** Applies a move to a level (what the store does atomically; pure, for tests and replays). */
export function movedStock(level: StockLevel, { by }: StockMove): StockLevel {
  return {
    sku: level.sku,
    onHand: level.onHand + by.onHand,
    reserved: level.reserved + by.reserved,
    sold: level.sold + by.sold,
    available: level.available + by.available,
  };
}

/**
 * Why a reservation of these lines was refused, from the stock levels read after the refusal: a
 * product that does not exist, or every product short of units (named together). Returns quietly
 * when nothing is short any more (the units came back meanwhile): the reservation may try again.
 */
export function explainRefusedReservation(lines: { sku: string; quantity: number }[], levels: Record<string, StockLevel | undefined>): void {
  const quantities = new Map<string, number>();
  for (const { sku, quantity } of lines) quantities.set(sku, (quantities.get(sku) ?? 0) + quantity);
  const shortages: Shortage[] = [];
  for (const [sku, requested] of quantities) {
    const level = levels[sku];
    if (!level) throw new ProductNotFound({ sku });
    if (level.available < requested) shortages.push({ sku, requested, available: level.available });
  }
  if (shortages.length > 0) throw new InsufficientStock({ shortages });
}
