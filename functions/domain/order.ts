import { assertNever } from './decider';
import { addMoney, money, multiplyMoney, type Money } from './money';

/** A line of an order: its price is the product's price when the line was added. */
export type OrderLine = { sku: string; quantity: number; unitPrice: Money };

export type OrderEvent =
  | { type: 'OrderCreated'; data: { orderId: string; customerId: string; currency: string; items: OrderLine[]; createdAt: string } }
  | { type: 'OrderPlaced'; data: { orderId: string; customerId: string; items: OrderLine[]; total: Money; placedAt: string } }
  | { type: 'OrderConfirmed'; data: { orderId: string; confirmedAt: string } }
  | { type: 'OrderCancelled'; data: { orderId: string; reason: string; cancelledAt: string } };

export type OrderCommand =
  | { type: 'CreateOrder'; data: { orderId: string; customerId: string; currency: string; items: OrderLine[] }; metadata: { now: string } }
  | { type: 'PlaceOrder'; data: { orderId: string }; metadata: { now: string } }
  | { type: 'ConfirmOrder'; data: { orderId: string }; metadata: { now: string } }
  | { type: 'CancelOrder'; data: { orderId: string; reason: string }; metadata: { now: string } };

type OrderFacts = { orderId: string; customerId: string; currency: string; items: OrderLine[] };

/** The order's lifecycle: draft → placed → confirmed; draft, placed or confirmed → cancelled. */
export type OrderState =
  | { status: 'none' }
  | ({ status: 'draft' } & OrderFacts)
  | ({ status: 'placed'; total: Money } & OrderFacts)
  | ({ status: 'confirmed'; total: Money } & OrderFacts)
  | ({ status: 'cancelled'; reason: string } & OrderFacts);

export const initialOrderState: OrderState = { status: 'none' };

/** Applies one order event to the state. Events are facts: evolve never refuses one. */
export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  switch (event.type) {
    case 'OrderCreated': {
      const { orderId, customerId, currency, items } = event.data;
      return { status: 'draft', orderId, customerId, currency, items };
    }
    case 'OrderPlaced':
      return state.status === 'none' ? state : { ...facts(state), status: 'placed', items: event.data.items, total: event.data.total };
    case 'OrderConfirmed':
      return state.status === 'placed' ? { ...facts(state), status: 'confirmed', total: state.total } : state;
    case 'OrderCancelled':
      return state.status === 'none' ? state : { ...facts(state), status: 'cancelled', reason: event.data.reason };
    default:
      return assertNever(event);
  }
}

function facts(state: Exclude<OrderState, { status: 'none' }>): OrderFacts {
  const { orderId, customerId, currency, items } = state;
  return { orderId, customerId, currency, items };
}

/** What the lines cost together, in the order's currency. */
export function orderTotal(items: OrderLine[], currency: string): Money {
  return items.reduce((sum, line) => addMoney(sum, multiplyMoney(line.unitPrice, line.quantity)), money(0, currency));
}
