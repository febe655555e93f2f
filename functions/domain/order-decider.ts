import type { Decider } from './decider';
import { evolveOrder, initialOrderState, type OrderCommand, type OrderEvent, type OrderState } from './order';
import { decideOrder } from './order-decide';

/** The Order aggregate (stream `order#<id>`). */
export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  initialState: initialOrderState,
  evolve: evolveOrder,
  decide: decideOrder,
};
