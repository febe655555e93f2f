import { assertNever } from '../../platform/domain/decider';
import { InvalidQuantity, NoReservation } from './errors';
import type { ReservationCommand, ReservationEvent, ReservationState } from './reservation';

type Command<T extends ReservationCommand['type']> = Extract<ReservationCommand, { type: T }>;

/**
 * Decides what a reservation command does to an order's hold on stock. Every command is
 * idempotent, so a saga step retried after a timeout decides nothing the second time. Whether
 * the units are there is not decided here but by the stock level each event moves (`stock.ts`),
 * atomically with the append: a decision on a stale read can never oversell.
 */
export function decideReservation(command: ReservationCommand, state: ReservationState): ReservationEvent[] {
  switch (command.type) {
    case 'ReserveStock':
      return reserve(command, state);
    case 'ReleaseStock':
      return release(command, state);
    case 'CommitStock':
      return commit(command, state);
    default:
      return assertNever(command);
  }
}

/** Reserves every line, lines of one sku merged; an order reserves once (again is a no-op). */
function reserve({ data, metadata }: Command<'ReserveStock'>, state: ReservationState): ReservationEvent[] {
  if (state.status === 'made') return [];
  const quantities = new Map<string, number>();
  for (const { sku, quantity } of data.lines) {
    if (!Number.isSafeInteger(quantity) || quantity <= 0) throw new InvalidQuantity({ sku, quantity });
    quantities.set(sku, (quantities.get(sku) ?? 0) + quantity);
  }
  return [...quantities].map(([sku, quantity]) => ({ type: 'StockReserved', data: { sku, orderId: data.orderId, quantity, reservedAt: metadata.now } }));
}

/**
 * Gives back whatever the order holds: a reservation is released; a sale of an order being
 * cancelled (committed, not shipped) returns to the stock on hand. Nothing held gives nothing back.
 */
function release({ data, metadata }: Command<'ReleaseStock'>, state: ReservationState): ReservationEvent[] {
  if (state.status === 'none') return [];
  return Object.entries(state.holds).flatMap(([sku, { quantity, status }]): ReservationEvent[] => {
    if (status === 'reserved') return [{ type: 'StockReleased', data: { sku, orderId: data.orderId, quantity, releasedAt: metadata.now } }];
    if (status === 'committed') return [{ type: 'StockReturned', data: { sku, orderId: data.orderId, quantity, returnedAt: metadata.now } }];
    return [];
  });
}

/** Turns the order's reservations into sales; committed already is a no-op, nothing reserved is a refusal. */
function commit({ data, metadata }: Command<'CommitStock'>, state: ReservationState): ReservationEvent[] {
  if (state.status === 'none') throw new NoReservation({ orderId: data.orderId });
  return Object.entries(state.holds).flatMap(([sku, { quantity, status }]): ReservationEvent[] => {
    if (status === 'committed') return [];
    if (status !== 'reserved') throw new NoReservation({ sku, orderId: data.orderId });
    return [{ type: 'StockCommitted', data: { sku, orderId: data.orderId, quantity, committedAt: metadata.now } }];
  });
}
