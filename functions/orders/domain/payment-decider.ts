import type { Decider } from '../../platform/domain/decider';
import { evolvePayment, initialPaymentState, type PaymentCommand, type PaymentEvent, type PaymentState } from './payment';
import { decidePayment } from './payment-decide';

/** The Payment aggregate (stream `payment#<orderId>`). */
export const paymentDecider: Decider<PaymentCommand, PaymentEvent, PaymentState> = {
  initialState: initialPaymentState,
  evolve: evolvePayment,
  decide: decidePayment,
  // A payment stream is a charge and maybe a refund, so this seldom fires; declaring the policy
  // versions the state's shape all the same, should the stream ever grow.
  snapshots: { every: 20, stateVersion: 1 },
};
