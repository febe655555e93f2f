import {
  EmptyOrder,
  InvalidOrderTransition,
  ItemNotInOrder,
  OrderNotFound,
  TooManyLines,
  MAX_ORDER_LINES,
  orderDecider,
  type OrderCommand,
  type OrderEvent,
  type OrderStatus,
} from '../../../../functions/orders/domain';
import { given } from '../../../support/decider-spec';

/** Every command in every status: what it decides, or which rule it breaks. */
const now = '2026-11-22T10:00:00.000Z';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const line = (sku: string, quantity: number, amount = 1000) => ({ sku, quantity, unitPrice: eur(amount) });
const orderId = 'o-1';

const created: OrderEvent = { type: 'OrderCreated', data: { orderId, customerId: 'c-1', currency: 'EUR', items: [line('A', 2)], createdAt: now } };
const placed: OrderEvent = { type: 'OrderPlaced', data: { orderId, customerId: 'c-1', items: [line('A', 2)], total: eur(2000), paymentMethodRef: 'pm_1', placedAt: now } };
const confirmed: OrderEvent = { type: 'OrderConfirmed', data: { orderId, confirmedAt: now } };
const shipped: OrderEvent = { type: 'OrderShipped', data: { orderId, trackingNumber: 'TRACK-1', shippedAt: now } };
const delivered: OrderEvent = { type: 'OrderDelivered', data: { orderId, deliveredAt: now } };
const cancelled: OrderEvent = { type: 'OrderCancelled', data: { orderId, reason: 'changed my mind', by: 'customer', cancelledAt: now } };
const rejected: OrderEvent = { type: 'OrderRejected', data: { orderId, reason: 'the card was declined', rejectedAt: now } };

const history: Record<OrderStatus, OrderEvent[]> = {
  none: [],
  draft: [created],
  placed: [created, placed],
  confirmed: [created, placed, confirmed],
  shipped: [created, placed, confirmed, shipped],
  delivered: [created, placed, confirmed, shipped, delivered],
  cancelled: [created, placed, cancelled],
  rejected: [created, placed, rejected],
};

const meta = { metadata: { now } };
const commands = {
  AddItem: { type: 'AddItem', data: { orderId, line: line('B', 1, 250) }, ...meta },
  RemoveItem: { type: 'RemoveItem', data: { orderId, sku: 'A' }, ...meta },
  PlaceOrder: { type: 'PlaceOrder', data: { orderId, paymentMethodRef: 'pm_1' }, ...meta },
  ConfirmOrder: { type: 'ConfirmOrder', data: { orderId }, ...meta },
  CancelOrder: { type: 'CancelOrder', data: { orderId, reason: 'out of stock', by: 'saga' }, ...meta },
  RejectOrder: { type: 'RejectOrder', data: { orderId, reason: 'insufficient stock' }, ...meta },
  ShipOrder: { type: 'ShipOrder', data: { orderId, trackingNumber: 'TRACK-1' }, ...meta },
  DeliverOrder: { type: 'DeliverOrder', data: { orderId }, ...meta },
} satisfies Record<string, OrderCommand>;

type Outcome = OrderEvent[] | typeof InvalidOrderTransition | typeof OrderNotFound;
const T = InvalidOrderTransition;
const itemAdded: OrderEvent[] = [{ type: 'ItemAdded', data: { orderId, line: line('B', 1, 250), addedAt: now } }];
const itemRemoved: OrderEvent[] = [{ type: 'ItemRemoved', data: { orderId, sku: 'A', removedAt: now } }];
const cancel: OrderEvent[] = [{ type: 'OrderCancelled', data: { orderId, reason: 'out of stock', by: 'saga', cancelledAt: now } }];
const reject: OrderEvent[] = [{ type: 'OrderRejected', data: { orderId, reason: 'insufficient stock', rejectedAt: now } }];

/** Rows: commands; columns: the status the order is in. */
const matrix: Record<keyof typeof commands, Record<Exclude<OrderStatus, 'none'>, Outcome>> = {
  AddItem: { draft: itemAdded, placed: T, confirmed: T, shipped: T, delivered: T, cancelled: T, rejected: T },
  RemoveItem: { draft: itemRemoved, placed: T, confirmed: T, shipped: T, delivered: T, cancelled: T, rejected: T },
  PlaceOrder: { draft: [placed], placed: T, confirmed: T, shipped: T, delivered: T, cancelled: T, rejected: T },
  ConfirmOrder: { draft: T, placed: [confirmed], confirmed: [], shipped: T, delivered: T, cancelled: T, rejected: T },
  CancelOrder: { draft: cancel, placed: cancel, confirmed: cancel, shipped: T, delivered: T, cancelled: [], rejected: T },
  RejectOrder: { draft: T, placed: reject, confirmed: reject, shipped: T, delivered: T, cancelled: [], rejected: [] },
  ShipOrder: { draft: T, placed: T, confirmed: [shipped], shipped: T, delivered: T, cancelled: T, rejected: T },
  DeliverOrder: { draft: T, placed: T, confirmed: T, shipped: [delivered], delivered: [], cancelled: T, rejected: T },
};

describe('Order decider: every command in every status', () => {
  const cases = Object.entries(matrix).flatMap(([name, byStatus]) =>
    Object.entries(byStatus).map(([status, outcome]) => [name as keyof typeof commands, status as OrderStatus, outcome] as const),
  );

  it.each(cases)('%s when %s', (name, status, outcome) => {
    const when = given(orderDecider, history[status]).when(commands[name]);
    if (Array.isArray(outcome)) when.then(outcome);
    else when.thenThrows(outcome, new RegExp(`cannot ${name}: order o-1 is ${status}`));
  });

  it.each(Object.keys(commands) as (keyof typeof commands)[])('%s on an order that does not exist is OrderNotFound', (name) => {
    given(orderDecider).when(commands[name]).thenThrows(OrderNotFound);
  });
});

describe('Order decider: item rules', () => {
  it('adds to the quantity of a line the order has, at that line’s price', () => {
    const state = [...history.draft, { type: 'ItemAdded', data: { orderId, line: line('A', 3, 9999), addedAt: now } } as OrderEvent].reduce(orderDecider.evolve, orderDecider.initialState);
    expect(state).toMatchObject({ items: [line('A', 5)] });
  });

  it('refuses to remove a sku the order does not have', () => {
    given(orderDecider, history.draft).when({ ...commands.RemoveItem, data: { orderId, sku: 'Z' } }).thenThrows(ItemNotInOrder, /no line for Z/);
  });

  it('refuses to place an order whose lines were all removed', () => {
    given(orderDecider, [...history.draft, ...itemRemoved]).when(commands.PlaceOrder).thenThrows(EmptyOrder);
  });

  it(`refuses a line past the ${MAX_ORDER_LINES}th`, () => {
    const full: OrderEvent = { ...created, data: { ...created.data, items: Array.from({ length: MAX_ORDER_LINES }, (_, i) => line(`S${i}`, 1)) } };
    given(orderDecider, [full]).when(commands.AddItem).thenThrows(TooManyLines);
  });

  it('places with the total of the lines as they are after adds and removes', () => {
    const events = [...history.draft, ...itemAdded, ...itemRemoved];
    const [event] = orderDecider.decide(commands.PlaceOrder, events.reduce(orderDecider.evolve, orderDecider.initialState));
    expect(event).toMatchObject({ type: 'OrderPlaced', data: { items: [line('B', 1, 250)], total: eur(250), paymentMethodRef: 'pm_1' } });
  });
});
