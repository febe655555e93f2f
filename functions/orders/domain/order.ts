import { assertNever } from '../../platform/domain/decider';
import { addMoney, money, multiplyMoney, type Money } from '../../platform/domain/money';

/** A line of an order: its price is the product's price when the line was added. */
export type OrderLine = { sku: string; quantity: number; unitPrice: Money };

export type ShippingAddress = { name: string; line1: string; line2?: string; city: string; postalCode: string; country: string };

/** Who cancelled: the customer through the API, or the saga compensating. */
export type CancelledBy = 'customer' | 'saga';

export type OrderEvent =
  | { type: 'OrderCreated'; data: { orderId: string; customerId: string; currency: string; items: OrderLine[]; shippingAddress?: ShippingAddress; createdAt: string } }
  | { type: 'ItemAdded'; data: { orderId: string; line: OrderLine; addedAt: string } }
  | { type: 'ItemRemoved'; data: { orderId: string; sku: string; removedAt: string } }
  | { type: 'OrderPlaced'; data: { orderId: string; customerId: string; items: OrderLine[]; total: Money; paymentMethodRef?: string; placedAt: string } }
  | { type: 'OrderConfirmed'; data: { orderId: string; confirmedAt: string } }
  | { type: 'OrderCancelled'; data: { orderId: string; reason: string; by?: CancelledBy; cancelledAt: string } }
  | { type: 'OrderRejected'; data: { orderId: string; reason: string; rejectedAt: string } }
  | { type: 'OrderShipped'; data: { orderId: string; trackingNumber: string; shippedAt: string } }
  | { type: 'OrderDelivered'; data: { orderId: string; deliveredAt: string } };

type Meta = { metadata: { now: string } };

export type OrderCommand =
  | ({ type: 'CreateOrder'; data: { orderId: string; customerId: string; currency: string; items: OrderLine[]; shippingAddress?: ShippingAddress } } & Meta)
  | ({ type: 'AddItem'; data: { orderId: string; line: OrderLine } } & Meta)
  | ({ type: 'RemoveItem'; data: { orderId: string; sku: string } } & Meta)
  | ({ type: 'PlaceOrder'; data: { orderId: string; paymentMethodRef?: string } } & Meta)
  | ({ type: 'ConfirmOrder'; data: { orderId: string } } & Meta)
  | ({ type: 'CancelOrder'; data: { orderId: string; reason: string; by?: CancelledBy } } & Meta)
  | ({ type: 'RejectOrder'; data: { orderId: string; reason: string } } & Meta)
  | ({ type: 'ShipOrder'; data: { orderId: string; trackingNumber: string } } & Meta)
  | ({ type: 'DeliverOrder'; data: { orderId: string } } & Meta);

type OrderFacts = { orderId: string; customerId: string; currency: string; items: OrderLine[]; shippingAddress?: ShippingAddress };

/**
 * The order's lifecycle: draft → placed → confirmed → shipped → delivered; draft, placed or
 * confirmed → cancelled; placed or confirmed → rejected, when the saga finds the order cannot go
 * through (no stock, payment declined). Items change only in draft.
 */
export type OrderState =
  | { status: 'none' }
  | ({ status: 'draft' } & OrderFacts)
  | ({ status: 'placed'; total: Money; paymentMethodRef?: string } & OrderFacts)
  | ({ status: 'confirmed'; total: Money; paymentMethodRef?: string } & OrderFacts)
  | ({ status: 'shipped'; total: Money; trackingNumber: string } & OrderFacts)
  | ({ status: 'delivered'; total: Money; trackingNumber: string } & OrderFacts)
  | ({ status: 'cancelled'; reason: string } & OrderFacts)
  | ({ status: 'rejected'; reason: string } & OrderFacts);

export type OrderStatus = OrderState['status'];

export const initialOrderState: OrderState = { status: 'none' };

/** Applies one order event to the state. Events are facts: evolve never refuses one. */
export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  if (event.type === 'OrderCreated') {
    const { orderId, customerId, currency, items, shippingAddress } = event.data;
    return { status: 'draft', orderId, customerId, currency, items, shippingAddress };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ItemAdded':
      return { ...state, items: withLine(state.items, event.data.line) };
    case 'ItemRemoved':
      return { ...state, items: state.items.filter((line) => line.sku !== event.data.sku) };
    case 'OrderPlaced':
      return { ...facts(state), status: 'placed', items: event.data.items, total: event.data.total, paymentMethodRef: event.data.paymentMethodRef };
    case 'OrderConfirmed':
      return { ...facts(state), status: 'confirmed', total: totalOf(state), paymentMethodRef: 'paymentMethodRef' in state ? state.paymentMethodRef : undefined };
    case 'OrderShipped':
      return { ...facts(state), status: 'shipped', total: totalOf(state), trackingNumber: event.data.trackingNumber };
    case 'OrderDelivered':
      return { ...facts(state), status: 'delivered', total: totalOf(state), trackingNumber: 'trackingNumber' in state ? state.trackingNumber : '' };
    case 'OrderCancelled':
      return { ...facts(state), status: 'cancelled', reason: event.data.reason };
    case 'OrderRejected':
      return { ...facts(state), status: 'rejected', reason: event.data.reason };
    default:
      return assertNever(event);
  }
}

/** One line per sku: adding a sku the order has adds to its quantity at the line's price. */
export function withLine(items: OrderLine[], line: OrderLine): OrderLine[] {
  const existing = items.find((item) => item.sku === line.sku);
  if (!existing) return [...items, line];
  return items.map((item) => (item.sku === line.sku ? { ...item, quantity: item.quantity + line.quantity } : item));
}

/** What the lines cost together, in the order's currency. */
export function orderTotal(items: OrderLine[], currency: string): Money {
  return items.reduce((sum, line) => addMoney(sum, multiplyMoney(line.unitPrice, line.quantity)), money(0, currency));
}

function totalOf(state: Exclude<OrderState, { status: 'none' }>): Money {
  return 'total' in state ? state.total : orderTotal(state.items, state.currency);
}

function facts(state: Exclude<OrderState, { status: 'none' }>): OrderFacts {
  const { orderId, customerId, currency, items, shippingAddress } = state;
  return { orderId, customerId, currency, items, shippingAddress };
}
