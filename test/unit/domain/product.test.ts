import {
  availableStock,
  InsufficientStock,
  InvalidMoney,
  InvalidQuantity,
  NoReservation,
  ProductAlreadyExists,
  ProductNotFound,
  productDecider,
  type ProductCommand,
  type ProductEvent,
} from '../../../functions/domain';
import { given } from './spec';

const now = '2026-11-22T10:00:00.000Z';
const added: ProductEvent = { type: 'ProductAdded', data: { sku: 'A', name: 'Keyboard', price: { amount: 4999, currency: 'EUR' }, initialStock: 5, addedAt: now } };
const reserved = (orderId: string, quantity: number): ProductEvent => ({ type: 'StockReserved', data: { sku: 'A', orderId, quantity, reservedAt: now } });
const released = (orderId: string, quantity: number): ProductEvent => ({ type: 'StockReleased', data: { sku: 'A', orderId, quantity, releasedAt: now } });

const add = (initialStock = 5, amount = 4999): ProductCommand => ({ type: 'AddProduct', data: { sku: 'A', name: 'Keyboard', price: { amount, currency: 'EUR' }, initialStock }, metadata: { now } });
const reserve = (orderId: string, quantity: number): ProductCommand => ({ type: 'ReserveStock', data: { sku: 'A', orderId, quantity }, metadata: { now } });
const release = (orderId: string): ProductCommand => ({ type: 'ReleaseStock', data: { sku: 'A', orderId }, metadata: { now } });

describe('Product decider', () => {
  describe('AddProduct', () => {
    it('adds a product with its stock', () => {
      given(productDecider).when(add()).then([added]);
    });

    it('refuses a sku that exists', () => {
      given(productDecider, [added]).when(add()).thenThrows(ProductAlreadyExists);
    });

    it('refuses negative or fractional stock', () => {
      given(productDecider).when(add(-1)).thenThrows(InvalidQuantity);
      given(productDecider).when(add(1.5)).thenThrows(InvalidQuantity);
    });

    it('refuses a price that is not integer minor units', () => {
      given(productDecider).when(add(5, 49.99)).thenThrows(InvalidMoney);
    });
  });

  describe('ReserveStock', () => {
    it('reserves what is available', () => {
      given(productDecider, [added, reserved('o-1', 2)]).when(reserve('o-2', 3)).then([reserved('o-2', 3)]);
    });

    it('refuses more than is available, saying how much is', () => {
      given(productDecider, [added, reserved('o-1', 2)]).when(reserve('o-2', 4)).thenThrows(InsufficientStock, /A \(requested 4, available 3\)/);
    });

    it('does nothing when the order holds a reservation already', () => {
      given(productDecider, [added, reserved('o-1', 2)]).when(reserve('o-1', 2)).then([]);
    });

    it('can reserve again for an order after its release', () => {
      given(productDecider, [added, reserved('o-1', 2), released('o-1', 2)]).when(reserve('o-1', 5)).then([reserved('o-1', 5)]);
    });

    it('refuses an unknown product and a non-positive quantity', () => {
      given(productDecider).when(reserve('o-1', 1)).thenThrows(ProductNotFound);
      given(productDecider, [added]).when(reserve('o-1', 0)).thenThrows(InvalidQuantity);
    });
  });

  describe('ReleaseStock', () => {
    it('gives back what the order holds', () => {
      given(productDecider, [added, reserved('o-1', 2)]).when(release('o-1')).then([released('o-1', 2)]);
    });

    it('does nothing when the order holds nothing (never reserved, or released already)', () => {
      given(productDecider, [added]).when(release('o-1')).then([]);
      given(productDecider, [added, reserved('o-1', 2), released('o-1', 2)]).when(release('o-1')).then([]);
    });

    it('refuses an unknown product', () => {
      given(productDecider).when(release('o-1')).thenThrows(ProductNotFound);
    });
  });

  it('counts available stock as on hand minus every reservation', () => {
    const state = [added, reserved('o-1', 2), reserved('o-2', 1), released('o-1', 2)].reduce(productDecider.evolve, productDecider.initialState);
    expect(availableStock(state)).toBe(4);
  });
});

describe('Product decider: restock and commit', () => {
  const restock = (quantity: number): ProductCommand => ({ type: 'Restock', data: { sku: 'A', quantity }, metadata: { now } });
  const commit = (orderId: string): ProductCommand => ({ type: 'CommitStock', data: { sku: 'A', orderId }, metadata: { now } });
  const committed = (orderId: string, quantity: number): ProductEvent => ({ type: 'StockCommitted', data: { sku: 'A', orderId, quantity, committedAt: now } });

  it('adds restocked units to the stock on hand', () => {
    given(productDecider, [added]).when(restock(3)).then([{ type: 'StockAdded', data: { sku: 'A', quantity: 3, addedAt: now } }]);
    const state = [added, { type: 'StockAdded', data: { sku: 'A', quantity: 3, addedAt: now } } as ProductEvent].reduce(productDecider.evolve, productDecider.initialState);
    expect(availableStock(state)).toBe(8);
  });

  it('refuses to restock nothing or an unknown product', () => {
    given(productDecider, [added]).when(restock(0)).thenThrows(InvalidQuantity);
    given(productDecider).when(restock(1)).thenThrows(ProductNotFound);
  });

  it('commits a reservation: the units leave the stock as sold', () => {
    given(productDecider, [added, reserved('o-1', 2)]).when(commit('o-1')).then([committed('o-1', 2)]);
    const state = [added, reserved('o-1', 2), committed('o-1', 2)].reduce(productDecider.evolve, productDecider.initialState);
    expect(state).toMatchObject({ onHand: 3, sold: 2, reservations: {} });
    expect(availableStock(state)).toBe(3);
  });

  it('commits once per order, and does not reserve again after', () => {
    const history = [added, reserved('o-1', 2), committed('o-1', 2)];
    given(productDecider, history).when(commit('o-1')).then([]);
    given(productDecider, history).when(reserve('o-1', 2)).then([]);
  });

  it('returns the sale of an order being cancelled to the stock on hand, once', () => {
    const returned: ProductEvent = { type: 'StockReturned', data: { sku: 'A', orderId: 'o-1', quantity: 2, returnedAt: now } };
    const history = [added, reserved('o-1', 2), committed('o-1', 2)];
    given(productDecider, history).when(release('o-1')).then([returned]);
    given(productDecider, [...history, returned]).when(release('o-1')).then([]);
    const state = [...history, returned].reduce(productDecider.evolve, productDecider.initialState);
    expect(state).toMatchObject({ onHand: 5, sold: 0, committed: {}, reservations: {} });
    expect(availableStock(state)).toBe(5);
  });

  it('refuses to commit what the order does not hold', () => {
    given(productDecider, [added]).when(commit('o-1')).thenThrows(NoReservation);
  });
});
