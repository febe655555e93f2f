import { assertNever } from './decider';
import { CurrencyMismatch, EmptyOrder, InvalidOrderTransition, InvalidQuantity, OrderAlreadyExists, OrderNotFound } from './errors';
import { money } from './money';
import { orderTotal, type OrderCommand, type OrderEvent, type OrderLine, type OrderState } from './order';

type Command<T extends OrderCommand['type']> = Extract<OrderCommand, { type: T }>;

/** Decides what an order command does to the order, or throws the rule it breaks. */
export function decideOrder(command: OrderCommand, state: OrderState): OrderEvent[] {
  switch (command.type) {
    case 'CreateOrder':
      return createOrder(command, state);
    case 'PlaceOrder':
      return placeOrder(command, state);
    case 'ConfirmOrder':
      return confirmOrder(command, state);
    case 'CancelOrder':
      return cancelOrder(command, state);
    default:
      return assertNever(command);
  }
}

function createOrder({ data, metadata }: Command<'CreateOrder'>, state: OrderState): OrderEvent[] {
  if (state.status !== 'none') throw new OrderAlreadyExists({ orderId: data.orderId });
  const items = mergeLines(data.items, data.currency);
  return [{ type: 'OrderCreated', data: { ...data, items, createdAt: metadata.now } }];
}

function placeOrder({ data, metadata }: Command<'PlaceOrder'>, state: OrderState): OrderEvent[] {
  if (state.status === 'none') throw new OrderNotFound({ orderId: data.orderId });
  if (state.status !== 'draft') throw new InvalidOrderTransition({ orderId: data.orderId, status: state.status, command: 'PlaceOrder' });
  if (state.items.length === 0) throw new EmptyOrder({ orderId: data.orderId });
  const total = orderTotal(state.items, state.currency);
  return [{ type: 'OrderPlaced', data: { orderId: data.orderId, customerId: state.customerId, items: state.items, total, placedAt: metadata.now } }];
}

function confirmOrder({ data, metadata }: Command<'ConfirmOrder'>, state: OrderState): OrderEvent[] {
  if (state.status === 'none') throw new OrderNotFound({ orderId: data.orderId });
  // The saga may retry a step that already succeeded: confirming twice is a no-op.
  if (state.status === 'confirmed') return [];
  if (state.status !== 'placed') throw new InvalidOrderTransition({ orderId: data.orderId, status: state.status, command: 'ConfirmOrder' });
  return [{ type: 'OrderConfirmed', data: { orderId: data.orderId, confirmedAt: metadata.now } }];
}

function cancelOrder({ data, metadata }: Command<'CancelOrder'>, state: OrderState): OrderEvent[] {
  if (state.status === 'none') throw new OrderNotFound({ orderId: data.orderId });
  // A compensation may run twice: cancelling a cancelled order is a no-op.
  if (state.status === 'cancelled') return [];
  return [{ type: 'OrderCancelled', data: { orderId: data.orderId, reason: data.reason, cancelledAt: metadata.now } }];
}

/** One line per sku (quantities summed), every quantity whole and positive, every price in the order's currency. */
function mergeLines(lines: OrderLine[], currency: string): OrderLine[] {
  const merged = new Map<string, OrderLine>();
  for (const line of lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) throw new InvalidQuantity({ sku: line.sku, quantity: line.quantity });
    money(line.unitPrice.amount, line.unitPrice.currency);
    if (line.unitPrice.currency !== currency) throw new CurrencyMismatch({ expected: currency, actual: line.unitPrice.currency });
    const existing = merged.get(line.sku);
    merged.set(line.sku, existing ? { ...existing, quantity: existing.quantity + line.quantity } : line);
  }
  return [...merged.values()];
}
