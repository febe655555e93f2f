import { decideRelease, decideReservation, InsufficientStock, ProductNotFound, productDecider, type ProductEvent, type ProductState } from '../../../functions/domain';

const now = '2026-11-22T10:00:00.000Z';
const product = (sku: string, stock: number, reservations: Record<string, number> = {}): ProductState => {
  const events: ProductEvent[] = [
    { type: 'ProductAdded', data: { sku, name: sku, price: { amount: 100, currency: 'EUR' }, initialStock: stock, addedAt: now } },
    ...Object.entries(reservations).map(([orderId, quantity]): ProductEvent => ({ type: 'StockReserved', data: { sku, orderId, quantity, reservedAt: now } })),
  ];
  return events.reduce(productDecider.evolve, productDecider.initialState);
};

describe('a reservation over several products', () => {
  it('reserves every line, merging lines of the same sku', () => {
    const decisions = decideReservation({ orderId: 'o-1', lines: [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 2 }, { sku: 'A', quantity: 2 }], products: { A: product('A', 3), B: product('B', 2) }, now });
    expect(decisions).toEqual([
      { sku: 'A', events: [{ type: 'StockReserved', data: { sku: 'A', orderId: 'o-1', quantity: 3, reservedAt: now } }] },
      { sku: 'B', events: [{ type: 'StockReserved', data: { sku: 'B', orderId: 'o-1', quantity: 2, reservedAt: now } }] },
    ]);
  });

  it('is all or nothing, naming every short sku', () => {
    const decide = () =>
      decideReservation({ orderId: 'o-1', lines: [{ sku: 'A', quantity: 4 }, { sku: 'B', quantity: 1 }, { sku: 'C', quantity: 9 }], products: { A: product('A', 3), B: product('B', 5), C: product('C', 2) }, now });
    expect(decide).toThrow(InsufficientStock);
    expect(decide).toThrow('insufficient stock for A (requested 4, available 3), C (requested 9, available 2)');
  });

  it('decides nothing again for products the order already holds', () => {
    const decisions = decideReservation({ orderId: 'o-1', lines: [{ sku: 'A', quantity: 3 }], products: { A: product('A', 3, { 'o-1': 3 }) }, now });
    expect(decisions).toEqual([{ sku: 'A', events: [] }]);
  });

  it('refuses a product that does not exist', () => {
    expect(() => decideReservation({ orderId: 'o-1', lines: [{ sku: 'X', quantity: 1 }], products: {}, now })).toThrow(ProductNotFound);
  });

  it('releases what the order holds and nothing else', () => {
    const decisions = decideRelease({ orderId: 'o-1', skus: ['A', 'B', 'A'], products: { A: product('A', 3, { 'o-1': 2, 'o-2': 1 }), B: product('B', 3) }, now });
    expect(decisions).toEqual([
      { sku: 'A', events: [{ type: 'StockReleased', data: { sku: 'A', orderId: 'o-1', quantity: 2, releasedAt: now } }] },
      { sku: 'B', events: [] },
    ]);
  });
});
