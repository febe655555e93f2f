import { explainRefusedReservation, reservationDecider, reservationStreamId, type ReservationCommand, type ReservationEvent } from '../domain';
import { ConcurrencyError, isLostRace, loadState, snapshotAfterAppend, type AppendContext, type EventStore } from '../../platform/eventstore';
import type { Deadline } from '../../platform/contention/deadline';
import { retryContended } from '../../platform/contention/retry-contended';
import type { StockLevels } from './stock-levels';
import { StockLevelRefused } from './stock-level-refused';

export type OrderStockPorts = { store: EventStore; levels: StockLevels };

/**
 * Reserves every line of an order, all or nothing, in one transaction: the order's reservation
 * events and each product's stock level, moved only if enough units are available. A lost race
 * (a conflicting transaction, a throttle) is tried again until it wins; a refused level is
 * explained from a fresh read: a product that does not exist, or stock truly short (both
 * business errors the saga rejects the order for), or, if units came back meanwhile, tried again.
 * Reserving twice for one order reserves nothing the second time.
 */
export async function reserveOrderStock(ports: OrderStockPorts, orderId: string, lines: { sku: string; quantity: number }[], context: AppendContext, deadline: Deadline): Promise<void> {
  const reserve = async () => {
    try {
      await decideOnReservation(ports, orderId, { type: 'ReserveStock', data: { orderId, lines }, metadata: { now: new Date().toISOString() } }, context);
    } catch (error) {
      if (error instanceof StockLevelRefused) explainRefusedReservation(lines, await ports.levels.read(lines.map((line) => line.sku)));
      throw error;
    }
  };
  try {
    await retryContended(reserve, { retryable: (error) => isLostRace(error) || error instanceof StockLevelRefused, deadline });
  } catch (error) {
    // Refused each time, yet never short when read: other orders keep taking and giving back
    // the units. That is a lost race too, and the saga retries it as one.
    if (error instanceof StockLevelRefused) throw new ConcurrencyError(reservationStreamId(orderId), 0, { cause: error });
    throw error;
  }
}

/** Turns an order's reservations into sales, in one transaction; committed already is a no-op. */
export async function commitOrderStock(ports: OrderStockPorts, orderId: string, context: AppendContext, deadline: Deadline): Promise<void> {
  await retryContended(() => decideOnReservation(ports, orderId, { type: 'CommitStock', data: { orderId }, metadata: { now: new Date().toISOString() } }, context), {
    retryable: isLostRace,
    deadline,
  });
}

/**
 * Gives back whatever the order holds (reserved or sold and not shipped), in one transaction;
 * nothing held is a no-op. Says whether anything was given back.
 */
export async function releaseOrderStock(ports: OrderStockPorts, orderId: string, context: AppendContext, deadline: Deadline): Promise<boolean> {
  const events = await retryContended(() => decideOnReservation(ports, orderId, { type: 'ReleaseStock', data: { orderId }, metadata: { now: new Date().toISOString() } }, context), {
    retryable: isLostRace,
    deadline,
  });
  return events.length > 0;
}

/** Load the order's reservation, decide, append with the stock levels the events move. */
async function decideOnReservation(ports: OrderStockPorts, orderId: string, command: ReservationCommand, context: AppendContext): Promise<ReservationEvent[]> {
  const streamId = reservationStreamId(orderId);
  const { state, version } = await loadState(ports.store, reservationDecider, streamId);
  const events = reservationDecider.decide(command, state);
  await ports.store.append([{ streamId, expectedVersion: version, events }], context, ports.levels.writesFor(events));
  await snapshotAfterAppend(ports.store, reservationDecider, streamId, version, { state: events.reduce(reservationDecider.evolve, state), version: version + events.length });
  return events;
}
