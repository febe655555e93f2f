import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { as, asAdmin } from '../../support/api';
import { accountFromStore, newCustomer, openAccount, requestTransfer, transferEnded, type TransferView } from '../../support/bank-api';
import type { TestCaller } from '../../support/callers';
import { eventually } from '../../support/eventually';
import { describeLocal } from '../../support/local-only';
import { rebuildView } from '../../support/rebuild';
import { clientConfig, testEnv } from '../../support/test-env';

const ACCOUNTS = 10;
const START = 10_000;
const TRANSFERS = 100;

/** A seeded draw of transfers: any source, a target among the others or the closed account (about one in eight), amounts up to 6000 so that some overdraw. */
function drawTransfers(seed: number): { from: number; to: number | 'closed'; amount: number }[] {
  const transfer = fc
    .record({ from: fc.nat(ACCOUNTS - 1), to: fc.oneof({ weight: 7, arbitrary: fc.nat(ACCOUNTS - 1) }, { weight: 1, arbitrary: fc.constant('closed' as const) }), amount: fc.integer({ min: 1, max: 6_000 }) })
    .filter((t) => t.to !== t.from);
  return fc.sample(transfer, { numRuns: TRANSFERS, seed });
}

/** A view rebuilt from the bank's events by the tool a person runs; the fresh table's name. */
const rebuildOf = (view: 'accounts' | 'transactions' | 'transfers') =>
  rebuildView(view, 'BankEventsTableName', { accounts: 'AccountsTableName', transactions: 'TransactionsTableName', transfers: 'TransfersTableName' }[view]);

// A load test (`*.load.test.ts`): `npm run test:load` runs it, not `npm test`.
describeLocal('100 transfers at once among 10 accounts', 'runs the rebuild tool, which scans the whole events table and creates tables', () => {
  it('conserves the money to the cent, overdraws nothing, ends every saga, and its views equal a rebuild', async () => {
    const owners: TestCaller[] = Array.from({ length: 5 }, newCustomer);
    const accounts = await Promise.all(Array.from({ length: ACCOUNTS }, (_, i) => openAccount(owners[i % owners.length]!, START)));
    const closedOwner = newCustomer();
    const closed = await openAccount(closedOwner);
    expect((await as(closedOwner)('POST', `/accounts/${closed}/close`)).status).toBe(200);

    const drawn = drawTransfers(20261123);
    const asked = await Promise.all(
      drawn.map(({ from, to, amount }) => requestTransfer(owners[from % owners.length]!, accounts[from]!, to === 'closed' ? closed : accounts[to]!, amount)),
    );
    expect(asked.map((r) => r.status)).toEqual(drawn.map(() => 202));
    const ids: string[] = asked.map((r) => r.body.transferId);

    const ended: TransferView[] = await Promise.all(ids.map((id) => transferEnded(id, 240_000)));
    // Every saga ended, and none failed: the only refusals are the rules' (no funds, a closed target).
    expect(ended.map((t) => t.saga?.status)).toEqual(ids.map(() => 'SUCCEEDED'));
    const outcomes = ended.map((t) => t.status);
    expect(outcomes.filter((s) => s !== 'completed' && s !== 'rejected')).toEqual([]);
    // A transfer to the closed account is rejected (for the closed target, or first for want of funds).
    // The target's refusal is told in a fixed notice: it is someone else's account.
    const closedOrShort = /^the target account cannot take this transfer|less than the \d+ asked for$/;
    drawn.forEach(({ to }, i) => {
      if (to === 'closed') expect([ids[i], outcomes[i], closedOrShort.test(ended[i]!.reason ?? '')]).toEqual([ids[i], 'rejected', true]);
    });
    const overdrawn = ended.filter((t, i) => t.status === 'rejected' && drawn[i]!.to !== 'closed');
    for (const t of overdrawn) expect(t.reason).toMatch(/less than the \d+ asked for$/);
    // The closed account's id never reaches the customer in a reason.
    expect(ended.filter((t) => t.reason?.includes(closed))).toEqual([]);
    // The draw overdraws often enough to try the rule, and leaves enough to move money.
    expect(overdrawn.length).toBeGreaterThan(0);
    expect(outcomes.filter((s) => s === 'completed').length).toBeGreaterThan(TRANSFERS / 4);

    // From the store: the money is all there, no account went below zero, the closed one got nothing.
    const balances = await Promise.all(accounts.map(async (id) => (await accountFromStore(id)).balance));
    expect(balances.reduce((sum, b) => sum + b, 0)).toBe(ACCOUNTS * START);
    expect(balances.filter((b) => b < 0)).toEqual([]);
    expect(await accountFromStore(closed)).toEqual({ balance: 0, status: 'closed' });
    // And it moved exactly as the completed transfers say.
    const expected = accounts.map(() => START);
    ended.forEach((t, i) => {
      const { from, to, amount } = drawn[i]!;
      if (t.status === 'completed' && to !== 'closed') {
        expected[from]! -= amount;
        expected[to]! += amount;
      }
    });
    expect(balances).toEqual(expected);

    // The views catch up with the store, and equal what a rebuild from the events makes.
    const client = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig('dynamodb')));
    const { outputs } = testEnv();
    await eventually(
      () => Promise.all(accounts.map((id) => asAdmin('GET', `/accounts/${id}`))),
      (views) => views.every((v, i) => v.body?.balance === balances[i]),
      { what: 'the accounts view to show the balances of the store', timeoutMs: 60_000, intervalMs: 500 },
    );
    await eventually(
      () => Promise.all(ids.map((id) => client.send(new GetCommand({ TableName: outputs!.TransfersTableName, Key: { transferId: id } })))),
      (rows) => rows.every((r, i) => r.Item?.status === outcomes[i]),
      { what: 'the transfers view to show every outcome', timeoutMs: 60_000, intervalMs: 500 },
    );
    const transactionsOf = (table: string, accountId: string) =>
      client.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'accountId = :a', ExpressionAttributeValues: { ':a': accountId }, ConsistentRead: true })).then((r) => r.Items ?? []);
    const moneyEvents = async (accountId: string) => (await asAdmin('GET', `/accounts/${accountId}/events`)).body.events.filter((e: { type: string }) => e.type !== 'AccountOpened' && e.type !== 'AccountClosed').length;
    await eventually(
      () => Promise.all(accounts.map(async (id) => (await transactionsOf(outputs!.TransactionsTableName!, id)).length === (await moneyEvents(id)))),
      (same) => same.every(Boolean),
      { what: 'a transaction row for every money event', timeoutMs: 60_000, intervalMs: 500 },
    );

    const [accountsRebuilt, transactionsRebuilt, transfersRebuilt] = [await rebuildOf('accounts'), await rebuildOf('transactions'), await rebuildOf('transfers')];
    for (const id of accounts) {
      const [live, rebuilt] = await Promise.all([outputs!.AccountsTableName!, accountsRebuilt].map((table) => client.send(new GetCommand({ TableName: table, Key: { accountId: id } }))));
      expect(live!.Item).toEqual(rebuilt!.Item);
      expect(await transactionsOf(outputs!.TransactionsTableName!, id)).toEqual(await transactionsOf(transactionsRebuilt, id));
    }
    for (const id of ids) {
      const [live, rebuilt] = await Promise.all([outputs!.TransfersTableName!, transfersRebuilt].map((table) => client.send(new GetCommand({ TableName: table, Key: { transferId: id } }))));
      expect(live!.Item).toEqual(rebuilt!.Item);
    }
  }, 600_000);
});
