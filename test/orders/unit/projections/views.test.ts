import { applyOrderEvent, type OrderView } from '../../../../functions/orders/projections/order-view';
import { applyProductEvent, type ProductView } from '../../../../functions/orders/projections/product-view';
import { statsDelta } from '../../../../functions/orders/projections/stats-delta';
import type { OrderEvent, ProductEvent } from '../../../../functions/orders/domain';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const at = '2026-11-22T10:00:00.000Z';

function foldOrder(events: OrderEvent[]): OrderView | undefined {
  return events.reduce<OrderView | undefined>((view, event, i) => applyOrderEvent(view, event, { version: i + 1, at }), undefined);
}
function foldProduct(events: ProductEvent[]): ProductView | undefined {
  return events.reduce<ProductView | undefined>((view, event, i) => applyProductEvent(view, event, { version: i + 1, at }), undefined);
}

describe('the orders view', () => {
  const items = [
    { sku: 'A', quantity: 2, unitPrice: eur(1250) },
    { sku: 'B', quantity: 1, unitPrice: eur(99) },
  ];
  const created: OrderEvent = { type: 'OrderCreated', data: { orderId: 'o-1', customerId: 'c-1', currency: 'EUR', items, createdAt: at } };

  it('shows a created order as a draft with its total in minor units', () => {
    expect(foldOrder([created])).toMatchObject({ orderId: 'o-1', status: 'draft', total: eur(2599), version: 1 });
  });

  it('follows the order to confirmed, tracking the version', () => {
    const view = foldOrder([
      created,
      { type: 'OrderPlaced', data: { orderId: 'o-1', customerId: 'c-1', items, total: eur(2599), placedAt: at } },
      { type: 'OrderConfirmed', data: { orderId: 'o-1', confirmedAt: at } },
    ]);
    expect(view).toMatchObject({ status: 'confirmed', version: 3 });
  });

  it('keeps the reason of a cancellation', () => {
    const view = foldOrder([created, { type: 'OrderCancelled', data: { orderId: 'o-1', reason: 'out of stock', cancelledAt: at } }]);
    expect(view).toMatchObject({ status: 'cancelled', cancellationReason: 'out of stock' });
  });

  it('keeps the reason of a rejection', () => {
    const view = foldOrder([created, { type: 'OrderRejected', data: { orderId: 'o-1', reason: 'the card was declined', rejectedAt: at } }]);
    expect(view).toMatchObject({ status: 'rejected', rejectionReason: 'the card was declined' });
  });

  it('refuses an event that has no order to apply to', () => {
    expect(() => applyOrderEvent(undefined, { type: 'OrderConfirmed', data: { orderId: 'o-1', confirmedAt: at } }, { version: 2, at })).toThrow(/no OrderCreated/);
  });
});

describe('the products view', () => {
  const added: ProductEvent = { type: 'ProductAdded', data: { sku: 'A', name: 'Keyboard', price: eur(4999), initialStock: 5, addedAt: at } };

  it('keeps the catalogue entry, moved to the version of each event (stock figures come from the stock level)', () => {
    const view = foldProduct([added, { type: 'StockAdded', data: { sku: 'A', quantity: 3, addedAt: '2026-11-23T10:00:00.000Z' } }]);
    expect(view).toEqual({ sku: 'A', name: 'Keyboard', price: eur(4999), version: 2, updatedAt: expect.any(String) });
  });
});

describe('the stats figures', () => {
  const placedTracker = { status: 'placed' as const, total: eur(2599), version: 2 };
  const confirmedTracker = { ...placedTracker, status: 'confirmed' as const, version: 3 };

  it('counts the saga’s outcomes: confirmed, rejected (a business rule), failed (cancelled after an error)', () => {
    expect(statsDelta(placedTracker, { type: 'OrderConfirmed', data: { orderId: 'o-1', confirmedAt: at } }, 3).sagaOutcome).toBe('confirmed');
    expect(statsDelta(placedTracker, { type: 'OrderRejected', data: { orderId: 'o-1', reason: 'no stock', rejectedAt: at } }, 3).sagaOutcome).toBe('rejected');
    expect(statsDelta(placedTracker, { type: 'OrderCancelled', data: { orderId: 'o-1', reason: 'crash', by: 'saga', cancelledAt: at } }, 3).sagaOutcome).toBe('failed');
    expect(statsDelta(placedTracker, { type: 'OrderCancelled', data: { orderId: 'o-1', reason: 'changed my mind', by: 'customer', cancelledAt: at } }, 3).sagaOutcome).toBeUndefined();
  });

  it('moves a rejected order between statuses and takes back the revenue of one that was confirmed', () => {
    const delta = statsDelta(confirmedTracker, { type: 'OrderRejected', data: { orderId: 'o-1', reason: 'no reservation', rejectedAt: at } }, 4);
    expect(delta.byStatus).toEqual({ confirmed: -1, rejected: 1 });
    expect(delta.revenue).toEqual({ day: '2026-11-22', currency: 'EUR', amount: -2599 });
    expect(statsDelta(placedTracker, { type: 'OrderRejected', data: { orderId: 'o-1', reason: 'no stock', rejectedAt: at } }, 3).revenue).toBeUndefined();
  });
});
