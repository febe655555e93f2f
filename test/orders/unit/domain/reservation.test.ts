import {
  explainRefusedReservation,
  initialStockLevel,
  InsufficientStock,
  InvalidQuantity,
  movedStock,
  NoReservation,
  ProductNotFound,
  reservationDecider,
  stockMoveOf,
  type ProductEvent,
  type ReservationCommand,
  type ReservationEvent,
  type StockLevel,
} from '../../../../functions/orders/domain';
import { given } from '../../../support/decider-spec';

const now = '2026-11-22T10:00:00.000Z';
const reserve = (lines: { sku: string; quantity: number }[]): ReservationCommand => ({ type: 'ReserveStock', data: { orderId: 'o-1', lines }, metadata: { now } });
const release: ReservationCommand = { type: 'ReleaseStock', data: { orderId: 'o-1' }, metadata: { now } };
const commit: ReservationCommand = { type: 'CommitStock', data: { orderId: 'o-1' }, metadata: { now } };
const reserved = (sku: string, quantity: number): ReservationEvent => ({ type: 'StockReserved', data: { sku, orderId: 'o-1', quantity, reservedAt: now } });
const released = (sku: string, quantity: number): ReservationEvent => ({ type: 'StockReleased', data: { sku, orderId: 'o-1', quantity, releasedAt: now } });
const committed = (sku: string, quantity: number): ReservationEvent => ({ type: 'StockCommitted', data: { sku, orderId: 'o-1', quantity, committedAt: now } });
const returned = (sku: string, quantity: number): ReservationEvent => ({ type: 'StockReturned', data: { sku, orderId: 'o-1', quantity, returnedAt: now } });

describe('Reservation decider (one order’s hold on stock)', () => {
  describe('ReserveStock', () => {
    it('reserves every line, merging lines of one sku', () => {
      given(reservationDecider).when(reserve([{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 2 }, { sku: 'A', quantity: 2 }])).then([reserved('A', 3), reserved('B', 2)]);
    });

    it('reserves once per order: again is a no-op, even after a release', () => {
      given(reservationDecider, [reserved('A', 3)]).when(reserve([{ sku: 'A', quantity: 3 }])).then([]);
      given(reservationDecider, [reserved('A', 3), released('A', 3)]).when(reserve([{ sku: 'A', quantity: 3 }])).then([]);
    });

    it('refuses a quantity that is not a positive whole number', () => {
      given(reservationDecider).when(reserve([{ sku: 'A', quantity: 0 }])).thenThrows(InvalidQuantity);
      given(reservationDecider).when(reserve([{ sku: 'A', quantity: 1.5 }])).thenThrows(InvalidQuantity);
    });
  });

  describe('CommitStock', () => {
    it('turns every reservation into a sale, once', () => {
      given(reservationDecider, [reserved('A', 3), reserved('B', 1)]).when(commit).then([committed('A', 3), committed('B', 1)]);
      given(reservationDecider, [reserved('A', 3), committed('A', 3)]).when(commit).then([]);
    });

    it('refuses to commit what the order does not hold', () => {
      given(reservationDecider).when(commit).thenThrows(NoReservation);
      given(reservationDecider, [reserved('A', 3), released('A', 3)]).when(commit).thenThrows(NoReservation, /holds no reservation of A/);
    });
  });

  describe('ReleaseStock', () => {
    it('releases a reservation and returns a sale not shipped', () => {
      given(reservationDecider, [reserved('A', 3)]).when(release).then([released('A', 3)]);
      given(reservationDecider, [reserved('A', 3), committed('A', 3)]).when(release).then([returned('A', 3)]);
    });

    it('gives nothing back when nothing is held (never reserved, or given back already)', () => {
      given(reservationDecider).when(release).then([]);
      given(reservationDecider, [reserved('A', 3), released('A', 3)]).when(release).then([]);
      given(reservationDecider, [reserved('A', 3), committed('A', 3), returned('A', 3)]).when(release).then([]);
    });
  });
});

describe('stock levels moved by events', () => {
  const added: Extract<ProductEvent, { type: 'ProductAdded' }> = { type: 'ProductAdded', data: { sku: 'A', name: 'A', price: { amount: 1, currency: 'EUR' }, initialStock: 10, addedAt: now } };
  const apply = (level: StockLevel, events: (ProductEvent | ReservationEvent)[]) => events.reduce((l, e) => { const move = stockMoveOf(e); return move ? movedStock(l, move) : l; }, level);

  it('keeps on hand, reserved, sold and available through a reservation’s whole life', () => {
    const start = initialStockLevel(added);
    expect(start).toEqual({ sku: 'A', onHand: 10, reserved: 0, sold: 0, available: 10 });
    expect(apply(start, [reserved('A', 3)])).toEqual({ sku: 'A', onHand: 10, reserved: 3, sold: 0, available: 7 });
    expect(apply(start, [reserved('A', 3), committed('A', 3)])).toEqual({ sku: 'A', onHand: 7, reserved: 0, sold: 3, available: 7 });
    expect(apply(start, [reserved('A', 3), committed('A', 3), returned('A', 3)])).toEqual(start);
    expect(apply(start, [reserved('A', 3), released('A', 3)])).toEqual(start);
    expect(apply(start, [{ type: 'StockAdded', data: { sku: 'A', quantity: 5, addedAt: now } }])).toEqual({ sku: 'A', onHand: 15, reserved: 0, sold: 0, available: 15 });
  });

  it('makes a reservation, and only a reservation, need the units available', () => {
    expect(stockMoveOf(reserved('A', 3))?.needsAvailable).toBe(3);
    for (const event of [released('A', 3), committed('A', 3), returned('A', 3)]) expect(stockMoveOf(event)?.needsAvailable).toBeUndefined();
  });

  it('explains a refused reservation from fresh levels: a missing product, every short one, or nothing (try again)', () => {
    const level = (sku: string, available: number): StockLevel => ({ sku, onHand: available, reserved: 0, sold: 0, available });
    const lines = [{ sku: 'A', quantity: 4 }, { sku: 'B', quantity: 1 }, { sku: 'C', quantity: 5 }, { sku: 'C', quantity: 4 }];
    expect(() => explainRefusedReservation(lines, { A: level('A', 3), B: level('B', 5) })).toThrow(ProductNotFound);
    const short = () => explainRefusedReservation(lines, { A: level('A', 3), B: level('B', 5), C: level('C', 2) });
    expect(short).toThrow(InsufficientStock);
    expect(short).toThrow('insufficient stock for A (requested 4, available 3), C (requested 9, available 2)');
    expect(() => explainRefusedReservation(lines, { A: level('A', 4), B: level('B', 1), C: level('C', 9) })).not.toThrow();
  });
});
