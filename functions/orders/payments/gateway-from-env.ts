import type { PaymentGateway } from './payment-gateway';
import { simulatedGateway } from './simulated-gateway';

/** Charges above this (100 000.00 in a two-decimal currency) are declined unless the stack says otherwise. */
const DEFAULT_AMOUNT_LIMIT = 10_000_000;

/**
 * The gateway the functions use. Only the simulator exists today; a real processor is another
 * adapter of the same port, chosen here.
 */
export function paymentGatewayFromEnv(): PaymentGateway {
  const limit = Number(process.env.PAYMENT_AMOUNT_LIMIT ?? DEFAULT_AMOUNT_LIMIT);
  return simulatedGateway({ amountLimit: Number.isSafeInteger(limit) && limit >= 0 ? limit : DEFAULT_AMOUNT_LIMIT });
}
