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
import { decideAndAppend, loadState, type EventStore } from '../../../functions/platform/eventstore';

const context = { correlationId: 'transfer-legs-test' };
const soon = () => Date.now() + 60_000;
const now = () => new Date().toISOString();

/**
 * The transfer saga played by a loop on a real store (debit; credit or refund; complete or
 * reject), as the state machine runs it, including steps run twice: what transfer-legs.test.ts
 * and, a hundred transfers at once, transfer-legs.load.test.ts drive.
 */
export function transferLegs(store: EventStore) {
  const account = (command: AccountCommand) => decideAndAppend({ store, decider: accountDecider, streamId: accountStreamId(command.data.accountId), command, context });
  const transfer = (command: TransferCommand) => decideAndAppend({ store, decider: transferDecider, streamId: transferStreamId(command.data.transferId), command, context });
  const balanceOf = async (accountId: string) => {
    const { state } = await loadState(store, accountDecider, accountStreamId(accountId));
    return state.status === 'none' ? 0 : state.balance;
  };
  const leg = (transferId: string, kind: 'debit' | 'credit' | 'refund') => applyTransferLeg(store, transferId, kind, context, soon());

  /** The transfer saga's forward path and compensation, as the state machine will run it; every step twice when `twice`. */
  async function runTransfer(transferId: string, twice: boolean): Promise<'completed' | 'rejected'> {
    const step = async <T>(run: () => Promise<T>): Promise<T> => {
      const result = await run();
      if (twice) await run();
      return result;
    };
    try {
      await step(() => leg(transferId, 'debit'));
    } catch (error) {
      if (!(error instanceof InsufficientFunds)) throw error;
      await step(() => transfer({ type: 'RejectTransfer', data: { transferId, reason: error.message }, metadata: { now: now() } }));
      return 'rejected';
    }
    try {
      await step(() => leg(transferId, 'credit'));
    } catch (error) {
      if (!(error instanceof AccountClosed)) throw error;
      await step(() => leg(transferId, 'refund'));
      await step(() => transfer({ type: 'RejectTransfer', data: { transferId, reason: error.message }, metadata: { now: now() } }));
      return 'rejected';
    }
    await step(() => transfer({ type: 'CompleteTransfer', data: { transferId }, metadata: { now: now() } }));
    return 'completed';
  }

  /**
   * `transfers` transfers at once among `accounts` accounts, one of them closed, some overdrawing
   * (every seventh), some to the closed account (every tenth), every third with each step run
   * twice: money conserved to the cent, no negative balance, every transfer ended as its saga said.
   */
  async function concurrentTransfers({ accounts: count, transfers: howMany }: { accounts: number; transfers: number }): Promise<void> {
    const accounts = Array.from({ length: count }, (_, i) => `acc-${i}-${randomUUID().slice(0, 8)}`);
    const opening = 50_00;
    for (const accountId of accounts) {
      await account({ type: 'OpenAccount', data: { accountId, ownerId: 'c-1', currency: 'EUR' }, metadata: { now: now() } });
      await account({ type: 'Deposit', data: { accountId, amount: { amount: opening, currency: 'EUR' } }, metadata: { now: now() } });
    }
    // One account is emptied and closed: transfers to it must come back to their source.
    const closed = accounts.at(-1)!;
    await account({ type: 'Withdraw', data: { accountId: closed, amount: { amount: opening, currency: 'EUR' } }, metadata: { now: now() } });
    await account({ type: 'CloseAccount', data: { accountId: closed }, metadata: { now: now() } });
    const open = accounts.slice(0, -1);
    const total = open.length * opening;

    const transfers = Array.from({ length: howMany }, (_, i) => {
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
    expect(outcomes.filter((o) => o === 'completed').length).toBeGreaterThan(howMany * 0.3);
    expect(transfers.some((t, i) => t.amount > total && outcomes[i] === 'rejected')).toBe(true);
    const refunded = await Promise.all(transfers.filter((t) => t.target === closed).map(async (t) => (await loadState(store, transferDecider, transferStreamId(t.transferId))).state));
    expect(refunded.some((s) => s.status === 'rejected' && 'refunded' in s && s.refunded)).toBe(true);
  }

  return { account, transfer, balanceOf, leg, concurrentTransfers };
}
