import type { Decider } from '../../platform/domain/decider';
import { evolveOrder, initialOrderState, type OrderCommand, type OrderEvent, type OrderState } from './order';
import { decideOrder } from './order-decide';

/** The Order aggregate (stream `order#<id>`). */
export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  initialState: initialOrderState,
  evolve: evolveOrder,
  decide: decideOrder,
  // Most orders stay far below 50 events and never get a snapshot; a draft whose lines keep
  // changing can grow without bound, and is what this bounds.
  snapshots: { every: 50, stateVersion: 1 },
};
