import fc from 'fast-check';
import { accountDecider, transferDecider, type AccountCommand, type TransferCommand } from '../../../../functions/bank/domain';
import { snapshotEqualsReplay, typesReached } from '../../../support/snapshot-harness';

const metadata = fc.record({ now: fc.constantFrom('2026-03-01T10:00:00.000Z', '2026-03-02T11:30:00.000Z') });
// Mostly valid amounts in the account's currency; now and then another currency or nothing.
const rarely = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) => fc.oneof({ arbitrary: usual, weight: 9 }, { arbitrary: odd, weight: 1 });
const euros = fc.record({ amount: rarely(fc.integer({ min: 1, max: 5_000 }), fc.constant(0)), currency: rarely(fc.constant('EUR'), fc.constant('USD')) });
const accountId = 'a-1';
const accountCommand: fc.Arbitrary<AccountCommand> = fc.oneof(
  fc.record({ type: fc.constant('OpenAccount' as const), data: fc.record({ accountId: fc.constant(accountId), ownerId: fc.constant('c-1'), currency: fc.constant('EUR') }), metadata }),
  { arbitrary: fc.record({ type: fc.constant('Deposit' as const), data: fc.record({ accountId: fc.constant(accountId), amount: euros }), metadata }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('Withdraw' as const), data: fc.record({ accountId: fc.constant(accountId), amount: euros }), metadata }), weight: 2 },
  fc.record({ type: fc.constantFrom('DebitForTransfer' as const, 'CreditFromTransfer' as const, 'RefundTransfer' as const), data: fc.record({ accountId: fc.constant(accountId), transferId: fc.constantFrom('t-1', 't-2'), amount: euros }), metadata }),
  fc.record({ type: fc.constant('CloseAccount' as const), data: fc.record({ accountId: fc.constant(accountId) }), metadata }),
);
const transferCommand: fc.Arbitrary<TransferCommand> = fc.oneof(
  fc.record({
    type: fc.constant('RequestTransfer' as const),
    data: fc.record({ transferId: fc.constant('t-1'), sourceAccountId: fc.constant('a-1'), targetAccountId: fc.constantFrom('a-2', 'a-1'), amount: euros, requestedBy: fc.constant('c-1') }),
    metadata,
  }),
  { arbitrary: fc.record({ type: fc.constantFrom('RecordDebit' as const, 'RecordCredit' as const, 'RecordRefund' as const, 'CompleteTransfer' as const), data: fc.record({ transferId: fc.constant('t-1') }), metadata }), weight: 4 },
  fc.record({ type: fc.constant('RejectTransfer' as const), data: fc.record({ transferId: fc.constant('t-1'), reason: fc.constant('insufficient funds') }), metadata }),
  fc.record({ type: fc.constant('FailTransfer' as const), data: fc.record({ transferId: fc.constant('t-1'), reason: fc.constant('a problem on our side') }), metadata }),
);


describe('a snapshot folded onward equals a full replay, for the bank', () => {
  it('holds for the account decider', () => {
    snapshotEqualsReplay(accountDecider, accountCommand);
  });

  it('holds for the transfer decider', () => {
    snapshotEqualsReplay(transferDecider, transferCommand);
  });

  it('is tested on histories that reach every event type of both aggregates', () => {
    expect(typesReached(accountDecider, accountCommand)).toEqual(
      ['AccountClosed', 'AccountCreditedFromTransfer', 'AccountDebitedForTransfer', 'AccountOpened', 'MoneyDeposited', 'MoneyWithdrawn', 'TransferRefunded'],
    );
    expect(typesReached(transferDecider, transferCommand)).toEqual(
      ['TransferCompleted', 'TransferCredited', 'TransferDebitRefunded', 'TransferDebited', 'TransferFailed', 'TransferRejected', 'TransferRequested'],
    );
  });
});
