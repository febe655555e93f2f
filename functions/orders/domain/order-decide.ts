import { assertNever } from '../../platform/domain/decider';
import { CurrencyMismatch } from '../../platform/domain/errors';
import {
  EmptyOrder,
  InvalidOrderTransition,
  InvalidQuantity,
  ItemNotInOrder,
  LineQuantityTooLarge,
  OrderAlreadyExists,
  OrderNotFound,
  OrderTotalTooLarge,
  TooManyLines,
} from './errors';
import { money } from '../../platform/domain/money';
import { orderTotal, withLine, type OrderCommand, type OrderEvent, type OrderLine, type OrderState, type OrderStatus } from './order';

type Command<T extends OrderCommand['type']> = Extract<OrderCommand, { type: T }>;
type Existing = Exclude<OrderState, { status: 'none' }>;

/**
 * An order holds at most this many lines (of distinct skus): reserving them is ONE DynamoDB
 * transaction of an event and a stock-level update per line, and a transaction takes 100 items.
 */
export const MAX_ORDER_LINES = 50;
/** A line holds at most this many units, however many times its sku is added. */
export const MAX_LINE_QUANTITY = 1_000_000;
/** The most an order can total, in minor units: past it, sums are no longer exact in a JSON number. */
export const MAX_ORDER_TOTAL = Number.MAX_SAFE_INTEGER;

/** Decides what an order command does to the order, or throws the rule it breaks. */
export function decideOrder(command: OrderCommand, state: OrderState): OrderEvent[] {
  if (command.type === 'CreateOrder') return createOrder(command, state);
  if (state.status === 'none') throw new OrderNotFound({ orderId: command.data.orderId });
  switch (command.type) {
    case 'AddItem':
      return addItem(command, inStatus(state, command, ['draft']));
    case 'RemoveItem':
      return removeItem(command, inStatus(state, command, ['draft']));
    case 'PlaceOrder':
      return placeOrder(command, inStatus(state, command, ['draft']));
    case 'ConfirmOrder':
      // The saga may retry a step that already succeeded: confirming twice is a no-op.
      if (state.status === 'confirmed') return [];
      inStatus(state, command, ['placed']);
      return [{ type: 'OrderConfirmed', data: { orderId: state.orderId, confirmedAt: command.metadata.now } }];
    case 'CancelOrder':
      // A compensation may run twice: cancelling a cancelled order is a no-op.
      if (state.status === 'cancelled') return [];
      inStatus(state, command, ['draft', 'placed', 'confirmed']);
      return [{ type: 'OrderCancelled', data: { orderId: state.orderId, reason: command.data.reason, by: command.data.by, cancelledAt: command.metadata.now } }];
    case 'RejectOrder':
      // A compensation may run twice, and a customer's cancel may have come first: both stand.
      if (state.status === 'rejected' || state.status === 'cancelled') return [];
      inStatus(state, command, ['placed', 'confirmed']);
      return [{ type: 'OrderRejected', data: { orderId: state.orderId, reason: command.data.reason, rejectedAt: command.metadata.now } }];
    case 'ShipOrder':
      inStatus(state, command, ['confirmed']);
      return [{ type: 'OrderShipped', data: { orderId: state.orderId, trackingNumber: command.data.trackingNumber, shippedAt: command.metadata.now } }];
    case 'DeliverOrder':
      if (state.status === 'delivered') return [];
      inStatus(state, command, ['shipped']);
      return [{ type: 'OrderDelivered', data: { orderId: state.orderId, deliveredAt: command.metadata.now } }];
    default:
      return assertNever(command);
  }
}

function createOrder({ data, metadata }: Command<'CreateOrder'>, state: OrderState): OrderEvent[] {
  if (state.status !== 'none') throw new OrderAlreadyExists({ orderId: data.orderId });
  const items = checkedLines(
    data.orderId,
    data.items.reduce<OrderLine[]>((lines, line) => withLine(lines, checkedLine(line, data.currency)), []),
  );
  return [{ type: 'OrderCreated', data: { ...data, items, createdAt: metadata.now } }];
}

function addItem({ data, metadata }: Command<'AddItem'>, state: Existing): OrderEvent[] {
  const line = checkedLine(data.line, state.currency);
  checkedLines(state.orderId, withLine(state.items, line));
  return [{ type: 'ItemAdded', data: { orderId: state.orderId, line, addedAt: metadata.now } }];
}

function removeItem({ data, metadata }: Command<'RemoveItem'>, state: Existing): OrderEvent[] {
  if (!state.items.some((line) => line.sku === data.sku)) throw new ItemNotInOrder({ orderId: state.orderId, sku: data.sku });
  return [{ type: 'ItemRemoved', data: { orderId: state.orderId, sku: data.sku, removedAt: metadata.now } }];
}

function placeOrder({ data, metadata }: Command<'PlaceOrder'>, state: Existing): OrderEvent[] {
  if (state.items.length === 0) throw new EmptyOrder({ orderId: state.orderId });
  const total = orderTotal(state.items, state.currency);
  return [{ type: 'OrderPlaced', data: { orderId: state.orderId, customerId: state.customerId, items: state.items, total, paymentMethodRef: data.paymentMethodRef, placedAt: metadata.now } }];
}

/** The command is allowed only in these statuses; anything else is an illegal transition. */
function inStatus(state: Existing, command: OrderCommand, allowed: OrderStatus[]): Existing {
  if (!allowed.includes(state.status)) throw new InvalidOrderTransition({ orderId: state.orderId, status: state.status, command: command.type });
  return state;
}

/**
 * The limits of an order's lines once merged: how many lines, how many units a line, and a total
 * that stays an exact number (an order that could not be totalled would wedge its view).
 */
function checkedLines(orderId: string, items: OrderLine[]): OrderLine[] {
  if (items.length > MAX_ORDER_LINES) throw new TooManyLines({ orderId, max: MAX_ORDER_LINES });
  const oversized = items.find((line) => line.quantity > MAX_LINE_QUANTITY);
  if (oversized) throw new LineQuantityTooLarge({ orderId, sku: oversized.sku, quantity: oversized.quantity, max: MAX_LINE_QUANTITY });
  const total = items.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0);
  if (!Number.isSafeInteger(total) || total > MAX_ORDER_TOTAL) throw new OrderTotalTooLarge({ orderId, max: MAX_ORDER_TOTAL });
  return items;
}

/** Every quantity whole and positive, every price integer minor units in the order's currency. */
function checkedLine(line: OrderLine, currency: string): OrderLine {
  if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) throw new InvalidQuantity({ sku: line.sku, quantity: line.quantity });
  money(line.unitPrice.amount, line.unitPrice.currency);
  if (line.unitPrice.currency !== currency) throw new CurrencyMismatch({ expected: currency, actual: line.unitPrice.currency });
  return line;
}
