import { InvalidMoney, InvalidTransfer, TransferNotFound, transferDecider, type TransferCommand, type TransferEvent } from '../../../../functions/bank/domain';
import { given } from '../../../support/decider-spec';

const now = '2026-11-23T10:00:00.000Z';
const at = { metadata: { now } };
const amount = { amount: 25_00, currency: 'EUR' };
const request: TransferCommand = { type: 'RequestTransfer', data: { transferId: 't-1', sourceAccountId: 'a-1', targetAccountId: 'a-2', amount, requestedBy: 'c-1' }, ...at };
const requested: TransferEvent = { type: 'TransferRequested', data: { transferId: 't-1', sourceAccountId: 'a-1', targetAccountId: 'a-2', amount, requestedBy: 'c-1', requestedAt: now } };
const debited: TransferEvent = { type: 'TransferDebited', data: { transferId: 't-1', at: now } };
const credited: TransferEvent = { type: 'TransferCredited', data: { transferId: 't-1', at: now } };
const refunded: TransferEvent = { type: 'TransferDebitRefunded', data: { transferId: 't-1', at: now } };
const completed: TransferEvent = { type: 'TransferCompleted', data: { transferId: 't-1', at: now } };
const command = (type: Exclude<TransferCommand['type'], 'RequestTransfer' | 'RejectTransfer' | 'FailTransfer'>): TransferCommand => ({ type, data: { transferId: 't-1' }, ...at });
const reject: TransferCommand = { type: 'RejectTransfer', data: { transferId: 't-1', reason: 'insufficient funds' }, ...at };

describe('Transfer decider', () => {
  it('is requested once per transfer id, between two accounts, for real money', () => {
    given(transferDecider).when(request).then([requested]);
    given(transferDecider, [requested]).when(request).then([]);
    given(transferDecider).when({ ...request, data: { ...request.data, targetAccountId: 'a-1' } } as TransferCommand).thenThrows(InvalidTransfer, /same account/);
    given(transferDecider).when({ ...request, data: { ...request.data, amount: { amount: 0, currency: 'EUR' } } } as TransferCommand).thenThrows(InvalidTransfer);
    given(transferDecider).when({ ...request, data: { ...request.data, amount: { amount: 1.5, currency: 'EUR' } } } as TransferCommand).thenThrows(InvalidMoney);
    given(transferDecider).when(command('RecordDebit')).thenThrows(TransferNotFound);
  });

  it('records each leg once, however often the saga retries it', () => {
    given(transferDecider, [requested]).when(command('RecordDebit')).then([debited]);
    given(transferDecider, [requested, debited]).when(command('RecordDebit')).then([]);
    given(transferDecider, [requested, debited]).when(command('RecordCredit')).then([credited]);
    given(transferDecider, [requested, debited, credited]).when(command('RecordCredit')).then([]);
    given(transferDecider, [requested, debited, credited]).when(command('CompleteTransfer')).then([completed]);
    given(transferDecider, [requested, debited, credited, completed]).when(command('CompleteTransfer')).then([]);
  });

  it('never credits without a debit, nor both credits and refunds: no money is created', () => {
    given(transferDecider, [requested]).when(command('RecordCredit')).thenThrows(InvalidTransfer, /nothing was debited/);
    given(transferDecider, [requested, debited, refunded]).when(command('RecordCredit')).thenThrows(InvalidTransfer, /refunded/);
    given(transferDecider, [requested, debited, credited]).when(command('RecordRefund')).thenThrows(InvalidTransfer, /create money/);
    given(transferDecider, [requested]).when(command('CompleteTransfer')).thenThrows(InvalidTransfer);
  });

  it('refunds a debit once, and nothing when nothing was debited', () => {
    given(transferDecider, [requested, debited]).when(command('RecordRefund')).then([refunded]);
    given(transferDecider, [requested, debited, refunded]).when(command('RecordRefund')).then([]);
    given(transferDecider, [requested]).when(command('RecordRefund')).then([]);
  });

  it('is rejected only with nothing left taken from the source', () => {
    given(transferDecider, [requested]).when(reject).then([{ type: 'TransferRejected', data: { transferId: 't-1', reason: 'insufficient funds', at: now } }]);
    given(transferDecider, [requested, debited]).when(reject).thenThrows(InvalidTransfer, /refunded before/);
    given(transferDecider, [requested, debited, refunded]).when(reject).then([{ type: 'TransferRejected', data: { transferId: 't-1', reason: 'insufficient funds', at: now } }]);
    given(transferDecider, [requested, debited, credited, completed]).when(reject).then([]);
  });

  it('fails like it is rejected, told apart by its event, and ends once', () => {
    const fail: TransferCommand = { type: 'FailTransfer', data: { transferId: 't-1', reason: 'a problem on our side' }, ...at };
    const failed = { type: 'TransferFailed' as const, data: { transferId: 't-1', reason: 'a problem on our side', at: now } };
    given(transferDecider, [requested]).when(fail).then([failed]);
    given(transferDecider, [requested, debited]).when(fail).thenThrows(InvalidTransfer, /refunded before the transfer fails/);
    given(transferDecider, [requested, debited, refunded, failed]).when(fail).then([]);
    given(transferDecider, [requested, failed]).when(reject).then([]);
    // A debit that lands after the transfer ended moves no money.
    given(transferDecider, [requested, failed]).when(command('RecordDebit')).then([]);
  });
});
