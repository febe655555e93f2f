import { TRANSFER_REJECTIONS } from '../../../functions/bank/contract/saga-errors';
import { AccountClosed, AccountNotFound, BalanceLimitReached, CurrencyMismatch, InsufficientFunds, InvalidTransfer, TransferNotFound, ZeroAmount } from '../../../functions/bank/domain';

/** The error names the transfer saga matches are the names the bank's errors really have. */
describe('the contract between the transfer saga and its functions', () => {
  it('names each transfer rejection after the domain error that throws it', () => {
    const thrown = [new InsufficientFunds({ accountId: 'a', balance: 0, amount: 1, currency: 'EUR' }), new AccountClosed({ accountId: 'a' }), new AccountNotFound({ accountId: 'a' }),
      new CurrencyMismatch({ expected: 'EUR', actual: 'USD' }), new ZeroAmount({ accountId: 'a' }), new InvalidTransfer({ transferId: 't', why: 'x' }), new TransferNotFound({ transferId: 't' }),
      new BalanceLimitReached({ accountId: 'a', balance: 0, amount: 1, limit: 1, currency: 'EUR' })];
    expect(TRANSFER_REJECTIONS).toEqual(thrown.map((error) => error.name));
  });
});
