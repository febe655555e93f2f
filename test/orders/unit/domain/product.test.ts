import {
  InvalidMoney,
  InvalidQuantity,
  ProductAlreadyExists,
  ProductNotFound,
  productDecider,
  type ProductCommand,
  type ProductEvent,
} from '../../../../functions/orders/domain';
import { given } from '../../../support/decider-spec';

const now = '2026-11-22T10:00:00.000Z';
const added: ProductEvent = { type: 'ProductAdded', data: { sku: 'A', name: 'Keyboard', price: { amount: 4999, currency: 'EUR' }, initialStock: 5, addedAt: now } };
const stockAdded = (quantity: number): ProductEvent => ({ type: 'StockAdded', data: { sku: 'A', quantity, addedAt: now } });

const add = (initialStock = 5, amount = 4999): ProductCommand => ({ type: 'AddProduct', data: { sku: 'A', name: 'Keyboard', price: { amount, currency: 'EUR' }, initialStock }, metadata: { now } });
const restock = (quantity: number): ProductCommand => ({ type: 'Restock', data: { sku: 'A', quantity }, metadata: { now } });

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

  describe('Restock', () => {
    it('adds units', () => {
      given(productDecider, [added]).when(restock(3)).then([stockAdded(3)]);
    });

    it('refuses to restock nothing or an unknown product', () => {
      given(productDecider, [added]).when(restock(0)).thenThrows(InvalidQuantity);
      given(productDecider).when(restock(1)).thenThrows(ProductNotFound);
    });
  });

  it('keeps a state that does not grow with restocks: the catalogue entry only', () => {
    const state = [added, ...Array.from({ length: 1000 }, () => stockAdded(1))].reduce(productDecider.evolve, productDecider.initialState);
    expect(state).toEqual({ status: 'active', sku: 'A', name: 'Keyboard', price: { amount: 4999, currency: 'EUR' } });
  });
});
