import type { AccountEvent } from '../../bank/domain/account';
import type { OrderEvent } from '../../orders/domain/order';
import type { ProductEvent } from '../../orders/domain/product';
import type { TransferEvent } from '../../bank/domain/transfer';

/** An event as the store, a stream or the bus hands it over: a type and data of no known shape. */
type UntypedEvent = { type: string; data: unknown };

// Keyed by the unions themselves, so a new event type fails to compile until it is listed here.
const ORDER_EVENT_TYPES: Record<OrderEvent['type'], true> = {
  OrderCreated: true,
  ItemAdded: true,
  ItemRemoved: true,
  OrderPlaced: true,
  OrderConfirmed: true,
  OrderCancelled: true,
  OrderRejected: true,
  OrderShipped: true,
  OrderDelivered: true,
};
const PRODUCT_EVENT_TYPES: Record<ProductEvent['type'], true> = {
  ProductAdded: true,
  StockAdded: true,
};

const ACCOUNT_EVENT_TYPES: Record<AccountEvent['type'], true> = {
  AccountOpened: true,
  MoneyDeposited: true,
  MoneyWithdrawn: true,
  AccountDebitedForTransfer: true,
  AccountCreditedFromTransfer: true,
  TransferRefunded: true,
  AccountClosed: true,
};
const TRANSFER_EVENT_TYPES: Record<TransferEvent['type'], true> = {
  TransferRequested: true,
  TransferDebited: true,
  TransferCredited: true,
  TransferDebitRefunded: true,
  TransferCompleted: true,
  TransferRejected: true,
  TransferFailed: true,
};

/** An event of a type the projection does not know, or without data: it cannot be applied. */
export class UnknownEvent extends Error {
  constructor(readonly event: { streamId: string; version: number; type: string }, aggregate: string) {
    super(`${event.type} at version ${event.version} of ${event.streamId} is not a known ${aggregate} event with data`);
    this.name = 'UnknownEvent';
  }
}

/**
 * Whether a stored event is one of the order decider's, by its type (and has data). The store is
 * untyped; the data's shape is what that decider wrote, and `apply` finds out if it is not.
 */
export function isOrderEvent<E extends UntypedEvent>(event: E): event is E & OrderEvent {
  return Object.hasOwn(ORDER_EVENT_TYPES, event.type) && hasData(event);
}

/** Whether a stored event is one of the product decider's, by its type (and has data). */
export function isProductEvent<E extends UntypedEvent>(event: E): event is E & ProductEvent {
  return Object.hasOwn(PRODUCT_EVENT_TYPES, event.type) && hasData(event);
}

/** Whether a stored event is one of the account decider's, by its type (and has data). */
export function isAccountEvent<E extends UntypedEvent>(event: E): event is E & AccountEvent {
  return Object.hasOwn(ACCOUNT_EVENT_TYPES, event.type) && hasData(event);
}

/** Whether a stored event is one of the transfer decider's, by its type (and has data). */
export function isTransferEvent<E extends UntypedEvent>(event: E): event is E & TransferEvent {
  return Object.hasOwn(TRANSFER_EVENT_TYPES, event.type) && hasData(event);
}

/** Whether an event is the transfer event of this type (see {@link isTransferEvent}). */
export function isTransferEventOfType<E extends UntypedEvent, T extends TransferEvent['type']>(event: E, type: T): event is E & Extract<TransferEvent, { type: T }> {
  return event.type === type && isTransferEvent(event);
}

/** Whether an event is the order event of this type (see {@link isOrderEvent}). */
export function isOrderEventOfType<E extends UntypedEvent, T extends OrderEvent['type']>(event: E, type: T): event is E & Extract<OrderEvent, { type: T }> {
  return event.type === type && isOrderEvent(event);
}

function hasData(event: UntypedEvent): boolean {
  return typeof event.data === 'object' && event.data !== null;
}
