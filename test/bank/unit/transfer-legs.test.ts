import { randomUUID } from 'node:crypto';
import {
  accountDecider,
  AccountClosed,
  accountStreamId,
  InsufficientFunds,
  transferDecider,
  transferStreamId,
  type AccountCommand,
  type TransferCommand,
} from '../../../functions/bank/domain';
import { applyTransferLeg } from '../../../functions/bank/saga/transfer-legs';
import { createEventStore, decideAndAppend, loadState, type EventStore } from '../../../functions/platform/eventstore';
import { createEventsTable, localDocumentClient } from '../../support/dynamodb';

/**
 * Transfer legs on DynamoDB Local: each leg appends the account's event and the transfer's in one
 * transaction, once. The saga is played here by a loop (debit; credit or refund; complete or
 * reject), as the state machine will run it, including steps run twice.
 */
const client = localDocumentClient();
const context = { correlationId: 'transfer-legs-test' };
const soon = () => Date.now() + 60_000;
const now = () => new Date().toISOString();
let store: EventStore;

beforeAll(async () => {
  store = createEventStore({ client, tableName: await createEventsTable(client) });
});

const account = (command: AccountCommand) => decideAndAppend({ store, decider: accountDecider, streamId: accountStreamId(command.data.accountId), command, context });
const transfer = (command: TransferCommand) => decideAndAppend({ store, decider: transferDecider, streamId: transferStreamId(command.data.transferId), command, context });
const balanceOf = async (accountId: string) => {
  const { state } = await loadState(store, accountDecider, accountStreamId(accountId));
  return state.status === 'none' ? 0 : state.balance;
};

/** The transfer saga's forward path and compensation, as the state machine will run it; every step twice when `twice`. */
async function runTransfer(transferId: string, twice: boolean): Promise<'completed' | 'rejected'> {
  const step = async <T>(run: () => Promise<T>): Promise<T> => {
    const result = await run();
    if (twice) await run();
    return result;
  };
  try {
    await step(() => applyTransferLeg(store, transferId, 'debit', context, soon()));
  } catch (error) {
    if (!(error instanceof InsufficientFunds)) throw error;
    await step(() => transfer({ type: 'RejectTransfer', data: { transferId, reason: error.message }, metadata: { now: now() } }));
    return 'rejected';
  }
  try {
    await step(() => applyTransferLeg(store, transferId, 'credit', context, soon()));
  } catch (error) {
    if (!(error instanceof AccountClosed)) throw error;
    await step(() => applyTransferLeg(store, transferId, 'refund', context, soon()));
    await step(() => transfer({ type: 'RejectTransfer', data: { transferId, reason: error.message }, metadata: { now: now() } }));
    return 'rejected';
  }
  await step(() => transfer({ type: 'CompleteTransfer', data: { transferId }, metadata: { now: now() } }));
  return 'completed';
}

describe('transfer legs on DynamoDB Local', () => {
  it('100 concurrent transfers among 10 accounts, some overdrawing, some to a closed account: money conserved to the cent, no negative balance, every transfer ended', async () => {
    const accounts = Array.from({ length: 10 }, (_, i) => `acc-${i}-${randomUUID().slice(0, 8)}`);
    const opening = 50_00;
    for (const accountId of accounts) {
      await account({ type: 'OpenAccount', data: { accountId, ownerId: 'c-1', currency: 'EUR' }, metadata: { now: now() } });
      await account({ type: 'Deposit', data: { accountId, amount: { amount: opening, currency: 'EUR' } }, metadata: { now: now() } });
    }
    // One account is emptied and closed: transfers to it must come back to their source.
    const closed = accounts[9]!;
    await account({ type: 'Withdraw', data: { accountId: closed, amount: { amount: opening, currency: 'EUR' } }, metadata: { now: now() } });
    await account({ type: 'CloseAccount', data: { accountId: closed }, metadata: { now: now() } });
    const open = accounts.slice(0, 9);
    const total = open.length * opening;

    const transfers = Array.from({ length: 100 }, (_, i) => {
      const source = open[i % open.length]!;
      const target = i % 10 === 0 ? closed : open[(i * 7 + 3) % open.length] === source ? open[(i + 1) % open.length]! : open[(i * 7 + 3) % open.length]!;
      // Mostly small amounts; every seventh one more than any account can hold.
      const amount = i % 7 === 0 ? 10_000_00 : 1_00 + ((i * 37) % 20_00);
      return { transferId: `t-${i}-${randomUUID().slice(0, 8)}`, source, target, amount };
    });
    for (const t of transfers) {
      await transfer({ type: 'RequestTransfer', data: { transferId: t.transferId, sourceAccountId: t.source, targetAccountId: t.target, amount: { amount: t.amount, currency: 'EUR' }, requestedBy: 'c-1' }, metadata: { now: now() } });
    }

    const outcomes = await Promise.all(transfers.map((t, i) => runTransfer(t.transferId, i % 3 === 0)));

    const balances = await Promise.all(open.map(balanceOf));
    expect(balances.reduce((sum, b) => sum + b, 0)).toBe(total);
    for (const balance of balances) expect(balance).toBeGreaterThanOrEqual(0);
    expect(await balanceOf(closed)).toBe(0);
    for (const [i, t] of transfers.entries()) {
      const { state } = await loadState(store, transferDecider, transferStreamId(t.transferId));
      expect([t.transferId, state.status]).toEqual([t.transferId, outcomes[i]]);
      if (t.target === closed) expect(state).toMatchObject({ status: 'rejected', debited: t.amount <= opening ? expect.any(Boolean) : false, credited: false });
      if (t.amount > total) expect(state).toMatchObject({ status: 'rejected', debited: false });
    }
    // Some of each kind happened: completed ones, rejections for funds, refunds from the closed account.
    expect(outcomes.filter((o) => o === 'completed').length).toBeGreaterThan(30);
    const refunded = await Promise.all(transfers.filter((t) => t.target === closed).map(async (t) => (await loadState(store, transferDecider, transferStreamId(t.transferId))).state));
    expect(refunded.some((s) => s.status === 'rejected' && 'refunded' in s && s.refunded)).toBe(true);
  });

  it('applies a leg once however often it runs at once', async () => {
    const [a, b] = [`acc-${randomUUID()}`, `acc-${randomUUID()}`];
    for (const accountId of [a, b]) await account({ type: 'OpenAccount', data: { accountId, ownerId: 'c-1', currency: 'EUR' }, metadata: { now: now() } });
    await account({ type: 'Deposit', data: { accountId: a, amount: { amount: 10_00, currency: 'EUR' } }, metadata: { now: now() } });
    const transferId = `t-${randomUUID()}`;
    await transfer({ type: 'RequestTransfer', data: { transferId, sourceAccountId: a, targetAccountId: b, amount: { amount: 4_00, currency: 'EUR' }, requestedBy: 'c-1' }, metadata: { now: now() } });

    const debits = await Promise.all(Array.from({ length: 20 }, () => applyTransferLeg(store, transferId, 'debit', context, soon())));
    expect(debits.filter((outcome) => outcome === 'applied')).toHaveLength(1);
    const credits = await Promise.all(Array.from({ length: 20 }, () => applyTransferLeg(store, transferId, 'credit', context, soon())));
    expect(credits.filter((outcome) => outcome === 'applied')).toHaveLength(1);
    expect([await balanceOf(a), await balanceOf(b)]).toEqual([6_00, 4_00]);
    // A refund after the credit (its step failed after the write) moves nothing and says so.
    expect(await applyTransferLeg(store, transferId, 'refund', context, soon())).toBe('credited');
    expect([await balanceOf(a), await balanceOf(b)]).toEqual([6_00, 4_00]);
  });
});
