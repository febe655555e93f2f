import { BUSINESS_REJECTIONS, ORDER_RETRYABLE_ERRORS } from '../../../functions/orders/contract/saga-errors';
import { InsufficientStock, InvalidOrderTransition, NoReservation, PaymentDeclined, ProductNotFound } from '../../../functions/orders/domain';
import { PaymentGatewayUnavailable } from '../../../functions/orders/payments/payment-gateway';

/**
 * The error names the order saga matches are the names the orders' errors really have: a renamed
 * class would otherwise leave a Retry or a Catch that never fires.
 */
describe('the contract between the order saga and its functions', () => {
  it('names each retryable error of its own after the class that throws it', () => {
    expect(ORDER_RETRYABLE_ERRORS).toEqual([PaymentGatewayUnavailable.name]);
  });

  it('names each business rejection after the domain error that throws it', () => {
    expect(BUSINESS_REJECTIONS).toEqual([InsufficientStock.name, PaymentDeclined.name, ProductNotFound.name, InvalidOrderTransition.name, NoReservation.name]);
  });
});
