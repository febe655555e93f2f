import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  accountDecider,
  accountStreamId,
  foldEvents,
  isAccountEvent,
  isTransferEvent,
  transferDecider,
  transferStreamId,
  type AccountCommand,
  type Decider,
  type TransferCommand,
} from '../../../../functions/bank/domain';
import { createEventStore, type NewEvent, type StoredEvent } from '../../../../functions/platform/eventstore';
import { accountProjection } from '../../../../functions/bank/projections/account-projector';
import { applyAccountEvent, type AccountView } from '../../../../functions/bank/projections/account-view';
import type { Outcome, Projection } from '../../../../functions/platform/projections/projection';
import { transactionOf, transactionSeq, type TransactionRow } from '../../../../functions/bank/projections/transaction-view';
import { transactionsProjection } from '../../../../functions/bank/projections/transactions-projector';
import { transferProjection } from '../../../../functions/bank/projections/transfer-projector';
import { applyTransferEvent, type TransferView } from '../../../../functions/bank/projections/transfer-view';
import { storedEvent, seeded } from '../../../support/projections/deliveries';
import { createViewTable, eventsTableWith, localDatabase, putEvents, scanAll, type LocalDatabase } from '../../../support/projections/local-database';
import { recordingParking } from '../../../support/projections/recording-parking';

/**
 * The bank's views (accounts, transactions, transfers) come out the same however the stream
 * delivers: every event twice, shuffled across and within streams (a versioned row heals a gap
 * from the store, which holds the history), or racing. Poison on an account stream is parked
 * without holding up the events after it. Real tables on DynamoDB Local; only the parked-events
 * queue is a recording fake (see recording-parking.ts). The history is played through the
 * deciders from a fixed seed, as the transfer saga plays it.
 */
const { rnd, pick, shuffle } = seeded(20261123);
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const at = '2026-11-22T10:00:00.000Z';

/** The bank's view tables, keyed as the stack keys them (lib/bank/read-models.ts). */
const BANK_KEYS = {
  accounts: [['accountId', 'HASH']],
  transactions: [['accountId', 'HASH'], ['seq', 'RANGE']],
  transfers: [['transferId', 'HASH']],
} satisfies Record<string, [string, 'HASH' | 'RANGE'][]>;
type BankView = keyof typeof BANK_KEYS;
const BANK_VIEWS = Object.keys(BANK_KEYS) as BankView[];

/** Accounts opened, paid into and out of, and transfers among them: completed, rejected (no funds, a closed account) or failed after a refund. */
function generateBankHistory(): StoredEvent[] {
  const streams = new Map<string, NewEvent[]>();
  let tick = 0;
  const now = () => new Date(Date.UTC(2026, 10, 22, 10, 0, tick++)).toISOString();
  /** Decides a command on its stream's history and appends what it decided; throws the rule it breaks. */
  const run = <C, E extends NewEvent, S>(decider: Decider<C, E, S>, streamId: string, command: C): void => {
    const past = (streams.get(streamId) ?? []) as E[];
    streams.set(streamId, [...past, ...decider.decide(command, foldEvents(decider, past))]);
  };
  const account = (command: AccountCommand) => run(accountDecider, accountStreamId(command.data.accountId), command);
  const transfer = (command: TransferCommand) => run(transferDecider, transferStreamId(command.data.transferId), command);
  const balanceOf = (accountId: string) => {
    const state = foldEvents(accountDecider, (streams.get(accountStreamId(accountId)) ?? []).filter(isAccountEvent));
    return state.status === 'none' ? 0 : state.balance;
  };

  const accounts = ['A', 'B', 'C', 'D'].map((name) => `${name}-${randomUUID().slice(0, 8)}`);
  for (const [i, accountId] of accounts.entries()) {
    account({ type: 'OpenAccount', data: { accountId, ownerId: `c-${i % 2}`, currency: 'EUR' }, metadata: { now: now() } });
    account({ type: 'Deposit', data: { accountId, amount: eur(50_00 + Math.floor(rnd() * 100_00)) }, metadata: { now: now() } });
  }
  for (let n = 0; n < 60; n++) {
    if (n === 30) {
      // One account empties and closes half way: later credits to it are refunded and rejected.
      const accountId = accounts[3]!;
      if (balanceOf(accountId) > 0) account({ type: 'Withdraw', data: { accountId, amount: eur(balanceOf(accountId)) }, metadata: { now: now() } });
      account({ type: 'CloseAccount', data: { accountId }, metadata: { now: now() } });
    }
    const r = rnd();
    const amount = eur(1 + Math.floor(rnd() * 60_00));
    try {
      if (r < 0.2) account({ type: 'Deposit', data: { accountId: pick(accounts), amount }, metadata: { now: now() } });
      else if (r < 0.35) account({ type: 'Withdraw', data: { accountId: pick(accounts), amount }, metadata: { now: now() } });
      else {
        const [sourceAccountId, targetAccountId] = shuffle(accounts);
        playTransfer(`t-${n}-${randomUUID().slice(0, 8)}`, sourceAccountId!, targetAccountId!, amount, rnd() < 0.2);
      }
    } catch {
      // A deposit or withdrawal the account's rules refuse (closed, no funds): nothing happens.
    }
  }

  // Every ending at least once, whatever the draw: no funds, a crashed credit, a closed target.
  const [first, second, closedAccount] = [accounts[0]!, accounts[1]!, accounts[3]!];
  playTransfer(`t-no-funds-${randomUUID().slice(0, 8)}`, first, second, eur(balanceOf(first) + 1), false);
  account({ type: 'Deposit', data: { accountId: first, amount: eur(10_00) }, metadata: { now: now() } });
  playTransfer(`t-crash-${randomUUID().slice(0, 8)}`, first, second, eur(1_00), true);
  playTransfer(`t-closed-${randomUUID().slice(0, 8)}`, first, closedAccount, eur(1_00), false);

  /** The saga's path: debit, then credit and complete; or refund and reject (a rule refused) or fail (a step crashed). */
  function playTransfer(transferId: string, sourceAccountId: string, targetAccountId: string, amount: { amount: number; currency: string }, creditCrashes: boolean) {
    const leg = { transferId, amount };
    transfer({ type: 'RequestTransfer', data: { transferId, sourceAccountId, targetAccountId, amount, requestedBy: 'c-0' }, metadata: { now: now() } });
    try {
      account({ type: 'DebitForTransfer', data: { accountId: sourceAccountId, ...leg }, metadata: { now: now() } });
    } catch (error) {
      transfer({ type: 'RejectTransfer', data: { transferId, reason: (error as Error).name }, metadata: { now: now() } });
      return;
    }
    transfer({ type: 'RecordDebit', data: { transferId }, metadata: { now: now() } });
    let refusal: string | undefined;
    if (!creditCrashes) {
      try {
        account({ type: 'CreditFromTransfer', data: { accountId: targetAccountId, ...leg }, metadata: { now: now() } });
        transfer({ type: 'RecordCredit', data: { transferId }, metadata: { now: now() } });
        transfer({ type: 'CompleteTransfer', data: { transferId }, metadata: { now: now() } });
        return;
      } catch (error) {
        refusal = (error as Error).name;
      }
    }
    account({ type: 'RefundTransfer', data: { accountId: sourceAccountId, ...leg }, metadata: { now: now() } });
    transfer({ type: 'RecordRefund', data: { transferId }, metadata: { now: now() } });
    if (refusal) transfer({ type: 'RejectTransfer', data: { transferId, reason: refusal }, metadata: { now: now() } });
    else transfer({ type: 'FailTransfer', data: { transferId, reason: 'the credit step timed out' }, metadata: { now: now() } });
  }

  return [...streams].flatMap(([streamId, events]) => events.map((event, i) => storedEvent(streamId, i + 1, event.type, event.data)));
}

/** What the views must hold: each stream folded through the views' own pure parts, in version order. */
function truthOf(history: StoredEvent[]) {
  const accounts = new Map<string, AccountView>();
  const transfers = new Map<string, TransferView>();
  const transactions: TransactionRow[] = [];
  for (const event of history) {
    const meta = { version: event.version, at: event.at };
    if (isAccountEvent(event)) {
      const view = applyAccountEvent(accounts.get(event.streamId), event, meta);
      accounts.set(event.streamId, view);
      const transaction = transactionOf(event.data.accountId, event, meta);
      if (transaction) transactions.push(transaction);
    } else if (isTransferEvent(event)) transfers.set(event.streamId, applyTransferEvent(transfers.get(event.streamId), event, meta));
  }
  return { accounts: [...accounts.values()], transfers: [...transfers.values()], transactions };
}

/** A table's items in key order, so two tables (or a table and the truth) compare. */
function inKeyOrder<T extends object>(items: T[]): T[] {
  const key = (item: T) => {
    const { accountId, seq, transferId } = item as Record<string, unknown>;
    return JSON.stringify([accountId, seq, transferId]);
  };
  return [...items].sort((a, b) => key(a).localeCompare(key(b)));
}

type Outcomes = Record<Outcome, number>;
const noOutcomes = (): Outcomes => ({ applied: 0, duplicate: 0, ignored: 0, parked: 0, healed: 0, repaired: 0 });

describe('the bank views under redelivery', () => {
  const history = generateBankHistory();
  const truth = truthOf(history);
  const moneyEvents = truth.transactions.length;
  const accountEvents = history.filter((e) => e.streamId.startsWith('account#')).length;
  let database: LocalDatabase;
  let client: LocalDatabase['client'];
  let eventsTable: string;
  let clean: Awaited<ReturnType<typeof createTables>>;
  let cleanOutcomes: Record<BankView, Outcomes>;

  async function createTables(client: LocalDatabase['client'], eventsTable: string) {
    const store = createEventStore({ client, tableName: eventsTable });
    const parking = recordingParking();
    const tables = { accounts: await createViewTable(client, BANK_KEYS.accounts), transactions: await createViewTable(client, BANK_KEYS.transactions), transfers: await createViewTable(client, BANK_KEYS.transfers) };
    const ports = (tableName: string) => ({ client, tableName, store, parking });
    const projections: Record<BankView, Projection> = { accounts: accountProjection(ports(tables.accounts)), transactions: transactionsProjection(ports(tables.transactions)), transfers: transferProjection(ports(tables.transfers)) };
    return { tables, projections, parking };
  }

  /** Delivers like the poller, each record to every projection, with no retry: what throws fails the test. */
  async function deliver(projections: Record<BankView, Projection>, deliveries: StoredEvent[]): Promise<Record<BankView, Outcomes>> {
    const outcomes = { accounts: noOutcomes(), transactions: noOutcomes(), transfers: noOutcomes() };
    for (const event of deliveries) for (const view of BANK_VIEWS) outcomes[view][await projections[view].project(event)] += 1;
    return outcomes;
  }

  const rowsOf = async (tableName: string) => inKeyOrder(await scanAll(client, tableName));

  beforeAll(async () => {
    database = await localDatabase();
    client = database.client;
    eventsTable = await eventsTableWith(client, history);
    clean = await createTables(client, eventsTable);
    cleanOutcomes = await deliver(clean.projections, history);
  });
  afterAll(() => database?.stop());

  async function expectSameAsClean(chaos: Awaited<ReturnType<typeof createTables>>) {
    for (const view of BANK_VIEWS) expect([view, await rowsOf(chaos.tables[view])]).toEqual([view, await rowsOf(clean.tables[view])]);
  }

  it('plays a history that takes every path: transfers completed, rejected and failed, an account closed', () => {
    const statuses = new Set(truth.transfers.map((t) => t.status));
    expect([...statuses].sort()).toEqual(['completed', 'failed', 'rejected']);
    expect(truth.transfers.filter((t) => t.status === 'rejected').map((t) => t.reason)).toEqual(expect.arrayContaining(['InsufficientFunds', 'AccountClosed']));
    expect(truth.accounts.filter((a) => a.status === 'closed')).toHaveLength(1);
    expect(new Set(truth.transactions.map((t) => t.kind))).toEqual(new Set(['deposit', 'withdrawal', 'transfer-out', 'transfer-in', 'transfer-refund']));
  });

  it('delivered once in order, each view holds what the history folds to, every money event once', async () => {
    expect(clean.parking.messages).toEqual([]);
    expect(cleanOutcomes.accounts).toEqual({ ...noOutcomes(), applied: accountEvents, ignored: history.length - accountEvents });
    expect(cleanOutcomes.transfers).toEqual({ ...noOutcomes(), applied: history.length - accountEvents, ignored: accountEvents });
    expect(cleanOutcomes.transactions).toEqual({ ...noOutcomes(), applied: moneyEvents, ignored: history.length - moneyEvents });
    expect(await rowsOf(clean.tables.accounts)).toEqual(inKeyOrder(truth.accounts));
    expect(await rowsOf(clean.tables.transfers)).toEqual(inKeyOrder(truth.transfers));
    expect(await rowsOf(clean.tables.transactions)).toEqual(inKeyOrder(truth.transactions));
  });

  it('answers an account’s transactions newest first by seq, past version 9', async () => {
    const byAccount = new Map<string, number[]>();
    for (const t of truth.transactions) byAccount.set(t.accountId, [...(byAccount.get(t.accountId) ?? []), t.version]);
    const [accountId, versions] = [...byAccount].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(Math.max(...versions)).toBeGreaterThanOrEqual(10);
    const { Items } = await client.send(new QueryCommand({ TableName: clean.tables.transactions, KeyConditionExpression: 'accountId = :a', ExpressionAttributeValues: { ':a': accountId }, ScanIndexForward: false, ConsistentRead: true }));
    expect(Items?.map((item) => item.version)).toEqual([...versions].sort((a, b) => b - a));
  });

  it('is the same after every event is delivered twice, shuffled across and within streams, gaps healed from the store without a retry', async () => {
    const chaos = await createTables(client, eventsTable);
    const outcomes = await deliver(chaos.projections, shuffle([...history, ...history]));

    expect(chaos.parking.messages).toEqual([]);
    await expectSameAsClean(chaos);
    // Out of order, a versioned row heals from the store; the copies it had taken from there are duplicates.
    for (const view of ['accounts', 'transfers'] as const) expect({ view, healed: outcomes[view].healed > 0, parked: outcomes[view].parked }).toEqual({ view, healed: true, parked: 0 });
    // Each transaction row depends on its own event only: one put per money event, its copy found by the condition.
    expect(outcomes.transactions).toEqual({ ...noOutcomes(), applied: moneyEvents, duplicate: moneyEvents, ignored: 2 * (history.length - moneyEvents) });
  });

  it('is the same when all copies of a stream’s events race each other', async () => {
    const chaos = await createTables(client, eventsTable);
    const byStream = new Map<string, StoredEvent[]>();
    for (const event of shuffle([...history, ...history])) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    const transactionOutcomes = noOutcomes();
    for (const copies of byStream.values()) {
      let pending = copies.flatMap((event) => BANK_VIEWS.map((view) => ({ event, view })));
      // What fails (a lost race: transient by nature) goes round again, as the poller retries it.
      while (pending.length) {
        const failed: typeof pending = [];
        await Promise.all(
          pending.map(async (item) => {
            try {
              const outcome = await chaos.projections[item.view].project(item.event);
              if (item.view === 'transactions') transactionOutcomes[outcome] += 1;
            } catch {
              failed.push(item);
            }
          }),
        );
        pending = failed;
      }
    }
    expect(chaos.parking.messages).toEqual([]);
    await expectSameAsClean(chaos);
    expect(transactionOutcomes).toMatchObject({ applied: moneyEvents, duplicate: moneyEvents });
  });
});

describe('the bank views with poison on an account stream', () => {
  let database: LocalDatabase;
  let client: LocalDatabase['client'];

  beforeAll(async () => {
    database = await localDatabase();
    client = database.client;
  });
  afterAll(() => database?.stop());

  /** An account's history with, at version 3, an event of a type no account projection knows. */
  function poisonedHistory(accountId: string): StoredEvent[] {
    const stream = accountStreamId(accountId);
    return [
      storedEvent(stream, 1, 'AccountOpened', { accountId, ownerId: 'c-1', currency: 'EUR', openedAt: at }),
      storedEvent(stream, 2, 'MoneyDeposited', { accountId, amount: eur(10_00), depositedAt: at }),
      storedEvent(stream, 3, 'MoneyTeleported', { accountId, amount: eur(5_00) }),
      storedEvent(stream, 4, 'MoneyDeposited', { accountId, amount: eur(2_00), depositedAt: at }),
      storedEvent(stream, 5, 'MoneyWithdrawn', { accountId, amount: eur(3_00), withdrawnAt: at }),
    ];
  }

  async function bankWith(history: StoredEvent[]) {
    const eventsTable = await eventsTableWith(client, history);
    const store = createEventStore({ client, tableName: eventsTable });
    const accounts = { tableName: await createViewTable(client, BANK_KEYS.accounts), parking: recordingParking() };
    const transactions = { tableName: await createViewTable(client, BANK_KEYS.transactions), parking: recordingParking() };
    return {
      eventsTable,
      accounts: { ...accounts, projection: accountProjection({ client, store, ...accounts }) },
      transactions: { ...transactions, projection: transactionsProjection({ client, store, ...transactions }) },
      account: async (accountId: string) => (await client.send(new GetCommand({ TableName: accounts.tableName, Key: { accountId }, ConsistentRead: true }))).Item,
      transaction: async (accountId: string, version: number) => (await client.send(new GetCommand({ TableName: transactions.tableName, Key: { accountId, seq: transactionSeq(version) }, ConsistentRead: true }))).Item,
      /** The account's transactions, as the route reads them: the rows of parked events left out. */
      transactionsOf: async (accountId: string) =>
        (
          await client.send(
            new QueryCommand({ TableName: transactions.tableName, KeyConditionExpression: 'accountId = :a', FilterExpression: 'attribute_not_exists(parked)', ExpressionAttributeValues: { ':a': accountId }, ConsistentRead: true }),
          )
        ).Items,
    };
  }
  const projectAll = async (projection: Projection, events: StoredEvent[]) => {
    const outcomes: Outcome[] = [];
    for (const event of events) outcomes.push(await projection.project(event));
    return outcomes;
  };
  const accountRow = (events: StoredEvent[]) => truthOf(events).accounts[0];
  /** The parked messages, each body read back as the event it holds (a body loaded from the store lists its fields in another order). */
  const parkedOf = (parking: ReturnType<typeof recordingParking>) => parking.messages.map(({ body, reason }) => ({ event: JSON.parse(body) as unknown, reason }));
  const unknownEvent = (history: StoredEvent[]) => ({ event: history[2], reason: expect.stringMatching(new RegExp(`^UnknownEvent: MoneyTeleported at version 3 of ${history[2]!.streamId} `)) });

  it('the accounts view parks the event of an unknown type, with its content, and applies the events after it', async () => {
    const accountId = randomUUID();
    const history = poisonedHistory(accountId);
    const bank = await bankWith(history);

    expect(await projectAll(bank.accounts.projection, history)).toEqual(['applied', 'applied', 'parked', 'applied', 'applied']);

    expect(parkedOf(bank.accounts.parking)).toEqual([unknownEvent(history)]);
    const row = await bank.account(accountId);
    expect(row).toEqual({ ...accountRow(history.filter((e) => e.version !== 3)), skippedVersions: [3] });
    expect(row).toMatchObject({ balance: 10_00 + 2_00 - 3_00, version: 5 });
    // The stream delivers the same records again: all duplicates, nothing parked twice.
    expect(await projectAll(bank.accounts.projection, history)).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(bank.accounts.parking.messages).toHaveLength(1);
    expect(await bank.account(accountId)).toEqual(row);
  });

  it('the accounts view heals a gap across the event of an unknown type: the rebuild parks it and skips it the same way', async () => {
    const accountId = randomUUID();
    const history = poisonedHistory(accountId);
    const bank = await bankWith(history);

    expect(await projectAll(bank.accounts.projection, [history[4]!])).toEqual(['healed']);

    expect(parkedOf(bank.accounts.parking)).toEqual([unknownEvent(history)]);
    expect(await bank.account(accountId)).toEqual({ ...accountRow(history.filter((e) => e.version !== 3)), skippedVersions: [3] });
  });

  it('the accounts view is repaired from the store once the parked event is fixed there', async () => {
    const accountId = randomUUID();
    const history = poisonedHistory(accountId);
    const bank = await bankWith(history);
    await projectAll(bank.accounts.projection, history);
    const [parked] = bank.accounts.parking.messages;

    const fixedHistory = [...history.slice(0, 2), { ...history[2]!, type: 'MoneyDeposited', data: { accountId, amount: eur(5_00), depositedAt: at } }, ...history.slice(3)];
    await putEvents(client, bank.eventsTable, [fixedHistory[2]!]);
    expect(await bank.accounts.projection.repair(JSON.parse(parked!.body))).toBe('repaired');

    const repaired = await bank.account(accountId);
    expect(repaired).toEqual(accountRow(fixedHistory));
    expect(repaired).toMatchObject({ balance: 10_00 + 5_00 + 2_00 - 3_00 });
    expect(repaired).not.toHaveProperty('skippedVersions');
    expect(await bank.accounts.projection.repair(JSON.parse(parked!.body))).toBe('duplicate');
  });

  it('the transactions view parks the event of an unknown type and puts one row per money event after it, keyed by account and seq', async () => {
    const accountId = randomUUID();
    const history = poisonedHistory(accountId);
    const bank = await bankWith(history);

    expect(await projectAll(bank.transactions.projection, history)).toEqual(['ignored', 'applied', 'parked', 'applied', 'applied']);

    expect(parkedOf(bank.transactions.parking)).toEqual([unknownEvent(history)]);
    expect(await bank.transactionsOf(accountId)).toEqual(truthOf(history.filter((e) => e.version !== 3)).transactions);
    expect(await bank.transaction(accountId, 5)).toStrictEqual({ feed: 'all', accountId, seq: transactionSeq(5), version: 5, kind: 'withdrawal', direction: 'out', amount: eur(3_00), at: history[4]!.at });
    // The poison's place holds a parked row: a redelivery finds it, and parks nothing again.
    expect(await bank.transaction(accountId, 3)).toMatchObject({ accountId, seq: transactionSeq(3), version: 3, parked: true, reason: expect.stringMatching(/^UnknownEvent: /) });
    // Not in the feed of all transactions: the index is sparse.
    expect(await bank.transaction(accountId, 3)).not.toHaveProperty('feed');
    expect(await projectAll(bank.transactions.projection, history)).toEqual(['ignored', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    expect(parkedOf(bank.transactions.parking)).toEqual([unknownEvent(history)]);
  });

  it('the transactions view finds a redelivered money event’s row: a duplicate, the row as it was', async () => {
    const accountId = randomUUID();
    const history = poisonedHistory(accountId);
    const bank = await bankWith(history);
    await projectAll(bank.transactions.projection, history);
    const before = await bank.transactionsOf(accountId);

    // The same event again, and a copy with other content: the row is the first copy's.
    expect(await bank.transactions.projection.project(history[1]!)).toBe('duplicate');
    expect(await bank.transactions.projection.project({ ...history[3]!, data: { accountId, amount: eur(9_99), depositedAt: at } })).toBe('duplicate');
    expect(await bank.transactionsOf(accountId)).toEqual(before);
  });

  it('the transactions view repair puts a missing row again, once, and parks again an event it still cannot read', async () => {
    const accountId = randomUUID();
    const history = poisonedHistory(accountId);
    const bank = await bankWith(history);
    await projectAll(bank.transactions.projection, history);
    const complete = await bank.transactionsOf(accountId);

    await client.send(new DeleteCommand({ TableName: bank.transactions.tableName, Key: { accountId, seq: transactionSeq(4) } }));
    expect(await bank.transactions.projection.repair(history[3]!)).toBe('repaired');
    expect(await bank.transactionsOf(accountId)).toEqual(complete);
    expect(await bank.transactions.projection.repair(history[3]!)).toBe('duplicate');

    const [parked] = bank.transactions.parking.messages;
    expect(await bank.transactions.projection.repair(JSON.parse(parked!.body))).toBe('parked');
    expect(parkedOf(bank.transactions.parking)).toEqual([unknownEvent(history), unknownEvent(history)]);
    expect(await bank.transaction(accountId, 3)).toMatchObject({ parked: true });

    // Mended in the store, the event's repair reads it from there and puts its row over the parked one.
    await putEvents(client, bank.eventsTable, [{ ...history[2]!, type: 'MoneyDeposited', data: { accountId, amount: eur(5_00), depositedAt: at } }]);
    expect(await bank.transactions.projection.repair(JSON.parse(parked!.body))).toBe('repaired');
    expect(await bank.transaction(accountId, 3)).toStrictEqual({ feed: 'all', accountId, seq: transactionSeq(3), version: 3, kind: 'deposit', direction: 'in', amount: eur(5_00), at: history[2]!.at });
    expect(await bank.transactionsOf(accountId)).toHaveLength(4);
    expect(await bank.transactions.projection.repair(JSON.parse(parked!.body))).toBe('duplicate');
  });
});
