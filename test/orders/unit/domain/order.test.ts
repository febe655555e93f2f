import {
  CurrencyMismatch,
  EmptyOrder,
  InvalidOrderTransition,
  InvalidQuantity,
  LineQuantityTooLarge,
  MAX_LINE_QUANTITY,
  OrderAlreadyExists,
  OrderNotFound,
  orderDecider,
  OrderTotalTooLarge,
  type OrderCommand,
  type OrderEvent,
} from '../../../../functions/orders/domain';
import { given } from '../../../support/decider-spec';

const now = '2026-11-22T10:00:00.000Z';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const line = (sku: string, quantity: number, amount = 1000) => ({ sku, quantity, unitPrice: eur(amount) });

const created: OrderEvent = { type: 'OrderCreated', data: { orderId: 'o-1', customerId: 'c-1', currency: 'EUR', items: [line('A', 2), line('B', 1, 250)], createdAt: now } };
const placed: OrderEvent = { type: 'OrderPlaced', data: { orderId: 'o-1', customerId: 'c-1', items: [line('A', 2), line('B', 1, 250)], total: eur(2250), placedAt: now } };
const confirmed: OrderEvent = { type: 'OrderConfirmed', data: { orderId: 'o-1', confirmedAt: now } };
const cancelled: OrderEvent = { type: 'OrderCancelled', data: { orderId: 'o-1', reason: 'changed my mind', cancelledAt: now } };

const create = (items = [line('A', 2)], currency = 'EUR'): OrderCommand => ({ type: 'CreateOrder', data: { orderId: 'o-1', customerId: 'c-1', currency, items }, metadata: { now } });
const place: OrderCommand = { type: 'PlaceOrder', data: { orderId: 'o-1' }, metadata: { now } };
const confirm: OrderCommand = { type: 'ConfirmOrder', data: { orderId: 'o-1' }, metadata: { now } };
const cancel: OrderCommand = { type: 'CancelOrder', data: { orderId: 'o-1', reason: 'out of stock' }, metadata: { now } };

const histories: Record<'none' | 'draft' | 'placed' | 'confirmed' | 'cancelled', OrderEvent[]> = {
  none: [],
  draft: [created],
  placed: [created, placed],
  confirmed: [created, placed, confirmed],
  cancelled: [created, placed, cancelled],
};

describe('Order decider', () => {
  describe('CreateOrder', () => {
    it('creates a draft with its priced lines', () => {
      given(orderDecider).when(create()).then([{ type: 'OrderCreated', data: { orderId: 'o-1', customerId: 'c-1', currency: 'EUR', items: [line('A', 2)], createdAt: now } }]);
    });

    it('creates an empty draft', () => {
      given(orderDecider).when(create([])).then([{ type: 'OrderCreated', data: { orderId: 'o-1', customerId: 'c-1', currency: 'EUR', items: [], createdAt: now } }]);
    });

    it('merges lines of the same sku', () => {
      const [event] = orderDecider.decide(create([line('A', 2), line('B', 1), line('A', 3)]), orderDecider.initialState);
      expect(event?.type === 'OrderCreated' && event.data.items).toEqual([line('A', 5), line('B', 1)]);
    });

    it.each([0, -1, 1.5])('refuses quantity %p', (quantity) => {
      given(orderDecider).when(create([line('A', quantity)])).thenThrows(InvalidQuantity);
    });

    it('refuses a line priced in another currency', () => {
      given(orderDecider).when(create([line('A', 1)], 'USD')).thenThrows(CurrencyMismatch, /expected an amount in USD, got EUR/);
    });

    it.each(['draft', 'placed', 'confirmed', 'cancelled'] as const)('refuses an order that exists (%s)', (status) => {
      given(orderDecider, histories[status]).when(create()).thenThrows(OrderAlreadyExists);
    });
  });

  describe('PlaceOrder', () => {
    it('places a draft with its total in minor units', () => {
      given(orderDecider, [created]).when(place).then([placed]);
    });

    it('refuses an empty order', () => {
      given(orderDecider, [{ ...created, data: { ...created.data, items: [] } }]).when(place).thenThrows(EmptyOrder);
    });

    it('refuses an order that does not exist', () => {
      given(orderDecider).when(place).thenThrows(OrderNotFound);
    });

    it.each(['placed', 'confirmed', 'cancelled'] as const)('refuses an order that is %s', (status) => {
      given(orderDecider, histories[status]).when(place).thenThrows(InvalidOrderTransition, new RegExp(`cannot PlaceOrder: order o-1 is ${status}`));
    });
  });

  describe('ConfirmOrder', () => {
    it('confirms a placed order', () => {
      given(orderDecider, histories.placed).when(confirm).then([confirmed]);
    });

    it('does nothing for an order already confirmed (a retried saga step)', () => {
      given(orderDecider, histories.confirmed).when(confirm).then([]);
    });

    it('refuses an order that does not exist', () => {
      given(orderDecider).when(confirm).thenThrows(OrderNotFound);
    });

    it.each(['draft', 'cancelled'] as const)('refuses an order that is %s', (status) => {
      given(orderDecider, histories[status]).when(confirm).thenThrows(InvalidOrderTransition);
    });
  });

  describe('CancelOrder', () => {
    it.each(['draft', 'placed', 'confirmed'] as const)('cancels an order that is %s, with the reason', (status) => {
      given(orderDecider, histories[status]).when(cancel).then([{ type: 'OrderCancelled', data: { orderId: 'o-1', reason: 'out of stock', cancelledAt: now } }]);
    });

    it('does nothing for an order already cancelled (a retried compensation)', () => {
      given(orderDecider, histories.cancelled).when(cancel).then([]);
    });

    it('refuses an order that does not exist', () => {
      given(orderDecider).when(cancel).thenThrows(OrderNotFound);
    });
  });

  it('folds the history into the lifecycle state', () => {
    const state = histories.cancelled.reduce(orderDecider.evolve, orderDecider.initialState);
    expect(state).toMatchObject({ status: 'cancelled', reason: 'changed my mind', items: [line('A', 2), line('B', 1, 250)] });
  });
});

describe('order limits hold after lines merge', () => {
  const addItem = (l: ReturnType<typeof line>): OrderCommand => ({ type: 'AddItem', data: { orderId: 'o-1', line: l }, metadata: { now } });
  const draftOf = (items: ReturnType<typeof line>[]): OrderEvent[] => [{ type: 'OrderCreated', data: { orderId: 'o-1', customerId: 'c-1', currency: 'EUR', items, createdAt: now } }];

  it('refuses a line whose merged quantity passes the cap, at create and at add-item', () => {
    given(orderDecider).when(create([line('A', MAX_LINE_QUANTITY), line('A', 1)])).thenThrows(LineQuantityTooLarge, /at most 1000000/);
    given(orderDecider, draftOf([line('A', MAX_LINE_QUANTITY)])).when(addItem(line('A', 1))).thenThrows(LineQuantityTooLarge);
    // Exactly the cap is fine.
    given(orderDecider, draftOf([line('A', MAX_LINE_QUANTITY - 1)])).when(addItem(line('A', 1))).then([
      { type: 'ItemAdded', data: { orderId: 'o-1', line: line('A', 1), addedAt: now } },
    ]);
  });

  it('refuses an order whose total would not be an exact number, at create and at add-item', () => {
    const dear = Number.MAX_SAFE_INTEGER;
    given(orderDecider).when(create([line('A', 2, dear)])).thenThrows(OrderTotalTooLarge);
    given(orderDecider).when(create([line('A', 1, dear), line('B', 1, 1)])).thenThrows(OrderTotalTooLarge);
    given(orderDecider, draftOf([line('A', 1, dear - 1)])).when(addItem(line('B', 2, 1))).thenThrows(OrderTotalTooLarge);
    given(orderDecider, draftOf([line('A', 1, dear - 1)])).when(addItem(line('B', 1, 1))).then([
      { type: 'ItemAdded', data: { orderId: 'o-1', line: line('B', 1, 1), addedAt: now } },
    ]);
  });
});
