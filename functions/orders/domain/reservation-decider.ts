import type { Decider } from '../../platform/domain/decider';
import { evolveReservation, initialReservationState, type ReservationCommand, type ReservationEvent, type ReservationState } from './reservation';
import { decideReservation } from './reservation-decide';

/** An order's hold on stock (stream `reservation#<orderId>`). */
export const reservationDecider: Decider<ReservationCommand, ReservationEvent, ReservationState> = {
  initialState: initialReservationState,
  evolve: evolveReservation,
  decide: decideReservation,
  // At most three events per line (reserved, committed, returned), so this rarely fires.
  snapshots: { every: 50, stateVersion: 1 },
};
