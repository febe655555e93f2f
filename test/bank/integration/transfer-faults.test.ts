import { randomUUID } from 'node:crypto';
import { accountFromStore, newCustomer, openAccount, requestTransfer, transferEnded } from '../../support/bank-api';
import { as, asAdmin } from '../../support/api';
import { eventually } from '../../support/eventually';
import { describeLocal } from '../../support/local-only';
import { injectFault } from '../../support/saga';

/**
 * The transfer saga with a failure at each leg (debit, credit, refund) in each kind: a business
 * refusal (a rule of the account), a transient error (throttled twice, then it works) and a
 * permanent one (it crashes every time). Business refusals are real (no funds, a closed target);
 * a business error in the refund cannot happen for real (a refund goes even to a closed account),
 * so it is injected by the local runtime's test-only faults, like the transient and permanent
 * ones, which fail the function before its handler runs. Each case checks both balances, the
 * saga's path, and that no money is created or lost: what the two accounts hold, plus what is
 * owed (a transfer left debited, named in a failure record), is what they held before. A refund
 * that fails past its retries is recorded and the saga goes on to EndTransfer, which refunds
 * once more before it ends the transfer.
 */
const START = 10_000;
const AMOUNT = 2_500;
const COMPLETED = ['DebitSource', 'CreditTarget', 'CompleteTransfer', 'TransferCompleted'];
const REJECTED = ['RefundSource', 'CreditedAfterAll', 'EndTransfer', 'RejectedOrFailed', 'TransferRejected'];
const FAILED = ['RefundSource', 'CreditedAfterAll', 'EndTransfer', 'RejectedOrFailed', 'TransferFailed'];
const REFUND_FAILED = ['DebitSource', 'CreditTarget', 'RefundSource', 'RecordRefundSourceFailure', 'EndTransfer', 'RejectedOrFailed', 'CompensationFailed'];

type Fault = { step: 'DebitSource' | 'CreditTarget' | 'RefundSource' | 'EndTransfer'; error: string; times: number };
type Case = {
  name: string;
  /** Too much for the source, or a target that is closed: a real refusal. */
  amount?: number;
  closedTarget?: boolean;
  faults?: Fault[];
  path: string[];
  /** The view's status and the saga's: SUCCEEDED for completed and rejected. */
  status: 'completed' | 'rejected' | 'failed' | 'debited';
  step: { name: string; status: string; attempts: number };
  /** What the source and target hold after. */
  source: number;
  target: number;
  /** The steps a failure record names; the saga then ends in CompensationFailed. */
  failedSteps?: string[];
  /** What the source is still owed (the transfer left debited). */
  owed?: number;
};

const throttled = (step: Fault['step']): Fault => ({ step, error: 'Lambda.TooManyRequestsException', times: 2 });
const crashing = (step: Fault['step']): Fault => ({ step, error: 'Error', times: 99 });
/** What a leg throws when the store stays throttled past the SDK's own retries, twice. */
const storeThrottled = (step: Fault['step'], error: string): Fault => ({ step, error, times: 2 });

const cases: Case[] = [
  { name: 'debit: no funds', amount: START + 1, path: ['DebitSource', ...REJECTED], status: 'rejected', step: { name: 'DebitSource', status: 'caught', attempts: 1 }, source: START, target: 0 },
  { name: 'debit: throttled twice', faults: [throttled('DebitSource')], path: COMPLETED, status: 'completed', step: { name: 'DebitSource', status: 'succeeded', attempts: 3 }, source: START - AMOUNT, target: AMOUNT },
  {
    name: 'debit: its append throttled twice (StoreThrottled)',
    faults: [storeThrottled('DebitSource', 'StoreThrottled')],
    path: COMPLETED,
    status: 'completed',
    step: { name: 'DebitSource', status: 'succeeded', attempts: 3 },
    source: START - AMOUNT,
    target: AMOUNT,
  },
  { name: 'debit: crashes', faults: [crashing('DebitSource')], path: ['DebitSource', ...FAILED], status: 'failed', step: { name: 'DebitSource', status: 'caught', attempts: 1 }, source: START, target: 0 },
  { name: 'credit: the target is closed', closedTarget: true, path: ['DebitSource', 'CreditTarget', ...REJECTED], status: 'rejected', step: { name: 'CreditTarget', status: 'caught', attempts: 1 }, source: START, target: 0 },
  { name: 'credit: throttled twice', faults: [throttled('CreditTarget')], path: COMPLETED, status: 'completed', step: { name: 'CreditTarget', status: 'succeeded', attempts: 3 }, source: START - AMOUNT, target: AMOUNT },
  { name: 'credit: crashes', faults: [crashing('CreditTarget')], path: ['DebitSource', 'CreditTarget', ...FAILED], status: 'failed', step: { name: 'CreditTarget', status: 'caught', attempts: 1 }, source: START, target: 0 },
  {
    name: 'refund: refused by a rule, every time (EndTransfer refunds after all)',
    closedTarget: true,
    faults: [{ step: 'RefundSource', error: 'AccountClosed', times: 99 }],
    path: REFUND_FAILED,
    status: 'rejected',
    // An undo retries every error, a business one too: 1 + 3 retries, then the record.
    step: { name: 'RefundSource', status: 'caught', attempts: 4 },
    source: START,
    target: 0,
    failedSteps: ['RefundSource'],
  },
  { name: 'refund: throttled twice', closedTarget: true, faults: [throttled('RefundSource')], path: ['DebitSource', 'CreditTarget', ...REJECTED], status: 'rejected', step: { name: 'RefundSource', status: 'succeeded', attempts: 3 }, source: START, target: 0 },
  {
    name: 'refund: crashes (EndTransfer refunds after all)',
    faults: [crashing('CreditTarget'), crashing('RefundSource')],
    path: REFUND_FAILED,
    status: 'failed',
    step: { name: 'RefundSource', status: 'caught', attempts: 4 },
    source: START,
    target: 0,
    failedSteps: ['RefundSource'],
  },
  {
    name: 'refund and the end both crash: the transfer left debited, the record names both',
    faults: [crashing('CreditTarget'), crashing('RefundSource'), crashing('EndTransfer')],
    path: ['DebitSource', 'CreditTarget', 'RefundSource', 'RecordRefundSourceFailure', 'EndTransfer', 'RecordEndTransferFailure', 'CompensationFailed'],
    status: 'debited',
    step: { name: 'EndTransfer', status: 'caught', attempts: 4 },
    source: START - AMOUNT,
    target: 0,
    failedSteps: ['RefundSource', 'EndTransfer'],
    owed: AMOUNT,
  },
];

describeLocal('the transfer saga with a failure at each leg', "injects failures through the local runtime's test hooks", () => {
  it.concurrent.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const owner = newCustomer();
    const payee = newCustomer();
    const source = await openAccount(owner, START);
    const target = await openAccount(payee);
    if (c.closedTarget) expect((await as(payee)('POST', `/accounts/${target}/close`)).status).toBe(200);

    // The faults are in before the transfer is asked for, keyed by the request's correlation id
    // (which every step of its saga carries): its saga may start before the answer arrives.
    const correlationId = `transfer-fault-${randomUUID()}`;
    for (const fault of c.faults ?? []) await injectFault({ kind: 'function', function: `${fault.step}Function`, correlationId, error: { name: fault.error, message: `injected ${fault.error}` }, times: fault.times });
    const asked = await requestTransfer(owner, source, target, c.amount ?? AMOUNT, randomUUID(), correlationId);
    expect(asked.status).toBe(202);
    const transferId: string = asked.body.transferId;

    const ended = await transferEnded(transferId);
    expect(ended.saga?.path).toEqual(c.path);
    expect(ended.saga?.steps.find((s) => s.name === c.step.name)).toMatchObject({ status: c.step.status, attempts: c.step.attempts });
    expect(ended.saga?.status).toBe((c.status === 'completed' || c.status === 'rejected') && !c.failedSteps ? 'SUCCEEDED' : 'FAILED');
    if (c.failedSteps) expect(ended.saga?.error).toBe('CompensationFailed');
    expect(ended.status).toBe(c.status);

    const after = [await accountFromStore(source), await accountFromStore(target)];
    expect(after.map((a) => a.balance)).toEqual([c.source, c.target]);
    expect(after.every((a) => a.balance >= 0)).toBe(true);
    // A failure record names the steps that failed, the accounts and the amount, and where the
    // transfer stood when each failed; none is written when every step succeeded. What is owed
    // now is the transfer's own status: left debited, the source is owed the amount.
    const record = ended.compensationFailure ?? null;
    expect(record).toEqual(
      c.failedSteps
        ? expect.objectContaining({ transferId, failedSteps: c.failedSteps, sourceAccountId: source, targetAccountId: target, amount: { amount: AMOUNT, currency: 'EUR' } })
        : null,
    );
    if (c.failedSteps) expect(record!.failedUndos.map((u: { step: string; transferStatus: string }) => [u.step, u.transferStatus])).toEqual(c.failedSteps.map((step) => [step, 'debited']));
    const owed = ended.status === 'debited' ? (record?.amount.amount ?? 0) : 0;
    expect(owed).toBe(c.owed ?? 0);
    // No money created or lost: what the two accounts hold, plus what is owed, is what there was.
    expect(after[0]!.balance + after[1]!.balance + owed).toBe(START);
    // A transfer that did not complete says why, never in the target's own words; one that completed, or is owed, does not.
    expect(ended.reason ?? null).toEqual(c.status === 'rejected' || c.status === 'failed' ? expect.any(String) : null);
    expect(ended.reason ?? '').not.toContain(target);
    if (c.closedTarget && c.status === 'rejected') expect(ended.reason).toMatch(/^the target account cannot take this transfer/);

    // A failed compensation is in the operator's inbox, one item per transfer, an attempt per failed step.
    if (c.failedSteps) {
      const item = (await asAdmin('GET', `/inbox/comp-transfer-${transferId}`)).body;
      expect(item).toMatchObject({ kind: 'compensation', state: 'open', source: 'transfer saga', concerns: { type: 'transfer', id: transferId }, attempts: c.failedSteps.length, retryable: true });
      expect(item.message).toMatchObject({ sourceAccountId: source, targetAccountId: target, amount: { amount: AMOUNT, currency: 'EUR' } });
      if (ended.status === 'debited') {
        // Its retry runs the bank's reconciler on the transfer: the source gets its money back, the item closes.
        expect((await asAdmin('POST', `/inbox/${item.itemId}/retry`)).status).toBe(202);
        const settled = await eventually(() => asAdmin('GET', `/inbox/${item.itemId}`), (r) => r.body.state === 'done', { what: 'the inbox retry to settle' });
        expect(settled.body.history.at(-1)).toMatchObject({ type: 'RetrySucceeded', by: 'admin:admin-1' });
        expect((await accountFromStore(source)).balance).toBe(START);
      }
    }
  });
});
