import { BUSINESS_REJECTIONS, RETRYABLE_ERRORS, TRANSFER_REJECTIONS } from '../../../functions/platform/contract/saga-errors';
import {
  AccountClosed,
  AccountNotFound,
  BalanceLimitReached,
  CurrencyMismatch,
  InsufficientFunds,
  InsufficientStock,
  InvalidOrderTransition,
  InvalidTransfer,
  NoReservation,
  PaymentDeclined,
  ProductNotFound,
  TransferNotFound,
  ZeroAmount,
} from '../../../functions/platform/domain';
import { ConcurrencyError } from '../../../functions/platform/eventstore';
import { PaymentGatewayUnavailable } from '../../../functions/orders/payments/payment-gateway';

/**
 * The error names the state machines match are the names the functions' errors really have: a
 * renamed class would otherwise leave a Retry or a Catch that never fires.
 */
describe('the contract between the state machines and the functions', () => {
  it('names each retryable error after the class that throws it', () => {
    expect(RETRYABLE_ERRORS).toEqual([ConcurrencyError.name, PaymentGatewayUnavailable.name]);
  });

  it('names each business rejection after the domain error that throws it', () => {
    expect(BUSINESS_REJECTIONS).toEqual([InsufficientStock.name, PaymentDeclined.name, ProductNotFound.name, InvalidOrderTransition.name, NoReservation.name]);
  });

  it('names each transfer rejection after the domain error that throws it', () => {
    const thrown = [new InsufficientFunds({ accountId: 'a', balance: 0, amount: 1, currency: 'EUR' }), new AccountClosed({ accountId: 'a' }), new AccountNotFound({ accountId: 'a' }),
      new CurrencyMismatch({ expected: 'EUR', actual: 'USD' }), new ZeroAmount({ accountId: 'a' }), new InvalidTransfer({ transferId: 't', why: 'x' }), new TransferNotFound({ transferId: 't' }),
      new BalanceLimitReached({ accountId: 'a', balance: 0, amount: 1, limit: 1, currency: 'EUR' })];
    expect(TRANSFER_REJECTIONS).toEqual(thrown.map((error) => error.name));
  });
});
