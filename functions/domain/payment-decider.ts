import type { Decider } from './decider';
import { evolvePayment, initialPaymentState, type PaymentCommand, type PaymentEvent, type PaymentState } from './payment';
import { decidePayment } from './payment-decide';

/** The Payment aggregate (stream `payment#<orderId>`). */
export const paymentDecider: Decider<PaymentCommand, PaymentEvent, PaymentState> = {
  initialState: initialPaymentState,
  evolve: evolvePayment,
  decide: decidePayment,
};
