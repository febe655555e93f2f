import { randomUUID } from 'node:crypto';
import { createEventStore } from '../../../functions/platform/eventstore';
import { createEventsTable, localDocumentClient } from '../../support/dynamodb';
import { transferLegs } from './concurrent-transfers';

/**
 * Transfer legs on DynamoDB Local: each leg appends the account's event and the transfer's in one
 * transaction, once. The saga is played here by a loop (./concurrent-transfers.ts), as the state
 * machine will run it, including steps run twice; a hundred transfers at once among ten accounts
 * run in `npm run test:load` (transfer-legs.load.test.ts).
 */
const client = localDocumentClient();
let legs: ReturnType<typeof transferLegs>;

beforeAll(async () => {
  legs = transferLegs(createEventStore({ client, tableName: await createEventsTable(client) }));
});

describe('transfer legs on DynamoDB Local', () => {
  it('24 concurrent transfers among 5 accounts, some overdrawing, some to a closed account: money conserved to the cent, no negative balance, every transfer ended', async () => {
    await legs.concurrentTransfers({ accounts: 5, transfers: 24 });
  });

  it('applies a leg once however often it runs at once', async () => {
    const { account, transfer, balanceOf, leg } = legs;
    const now = () => new Date().toISOString();
    const [a, b] = [`acc-${randomUUID()}`, `acc-${randomUUID()}`];
    for (const accountId of [a, b]) await account({ type: 'OpenAccount', data: { accountId, ownerId: 'c-1', currency: 'EUR' }, metadata: { now: now() } });
    await account({ type: 'Deposit', data: { accountId: a, amount: { amount: 10_00, currency: 'EUR' } }, metadata: { now: now() } });
    const transferId = `t-${randomUUID()}`;
    await transfer({ type: 'RequestTransfer', data: { transferId, sourceAccountId: a, targetAccountId: b, amount: { amount: 4_00, currency: 'EUR' }, requestedBy: 'c-1' }, metadata: { now: now() } });

    const debits = await Promise.all(Array.from({ length: 20 }, () => leg(transferId, 'debit')));
    expect(debits.filter((outcome) => outcome === 'applied')).toHaveLength(1);
    const credits = await Promise.all(Array.from({ length: 20 }, () => leg(transferId, 'credit')));
    expect(credits.filter((outcome) => outcome === 'applied')).toHaveLength(1);
    expect([await balanceOf(a), await balanceOf(b)]).toEqual([6_00, 4_00]);
    // A refund after the credit (its step failed after the write) moves nothing and says so.
    expect(await leg(transferId, 'refund')).toBe('credited');
    expect([await balanceOf(a), await balanceOf(b)]).toEqual([6_00, 4_00]);
  });
});
