import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ENV } from '../../../../functions/platform/contract/environment';
import { freshTally, shardPosition, storeFiguresOf, tallyRecords } from '../../../../functions/platform/projections/store-figures';
import { storeFiguresCounter } from '../../../../functions/platform/projections/store-figures-counter';
import type { WindowCounter } from '../../../../functions/platform/projections/stream-fan-out';
import { FIGURES_KEYS } from '../../../../functions/platform/projections/figures-keys';
import { seeded } from '../../../support/projections/deliveries';
import { readShardInWindows, shardRecords, type StateOnPartialFailure } from '../../../support/projections/window-driver';
import { firstTransactionConflicts } from '../../../support/projections/conflicting-client';
import { createViewTable, localDatabase, VIEW_KEYS, type LocalDatabase } from '../../../support/projections/local-database';

/**
 * The event store's figures (GET /stats), tallied in the views reader's tumbling-window state and
 * written once a window: real transactions on DynamoDB Local. Lambda's side (batches, failures,
 * the state it carries, windows) is played here by a driver, under both readings of what Lambda
 * does with the state a partially failed batch answers: it keeps it, or it goes back to the one before.
 */
describe('the event store figures', () => {
  let database: LocalDatabase;
  beforeAll(async () => {
    database = await localDatabase();
  });
  afterAll(() => database?.stop());

  const figuresIn = async (tableName: string) => storeFiguresOf((await database.client.send(new GetCommand({ TableName: tableName, Key: FIGURES_KEYS.storeFigures, ConsistentRead: true }))).Item);
  const counterOn = (tableName: string, client = database.client): WindowCounter => {
    process.env[ENV.storeFiguresTable] = tableName;
    return storeFiguresCounter(['order', 'product', 'payment', 'reservation'], client);
  };

  it('tallies each record past the last one tallied once, a version 1 as a stream begun, and no stream that is no aggregate’s', () => {
    const records = [
      { sequenceNumber: '9', streamId: 'order#o-1', version: 1 },
      { sequenceNumber: '10', streamId: 'order#o-1', version: 2 },
      { sequenceNumber: '11', streamId: 'product#KB-1', version: 1 },
      { sequenceNumber: '12', streamId: 'no-aggregate', version: 1 },
    ];
    const tally = tallyRecords(freshTally(''), records);
    expect(tally).toEqual({ base: '', through: shardPosition('11'), counts: { order: { events: 2, streams: 1 }, product: { events: 1, streams: 1 } } });
    // Positions compare as numbers do, though '9' > '10' as text.
    expect(tallyRecords(tally, records)).toEqual(tally);
    expect(tallyRecords(tally, [...records.slice(1), { sequenceNumber: '13', streamId: 'order#o-2', version: 1 }]).counts).toEqual({ order: { events: 3, streams: 2 }, product: { events: 1, streams: 1 } });
  });

  it.each<StateOnPartialFailure>(['keeps', 'goes back to the state before'])(
    'is exact when Lambda %s on a partial failure: batches of any size, failures, copies, crashes after a write and retried final invocations, two shards at once',
    async (lambda) => {
      const tableName = await createViewTable(database.client, VIEW_KEYS.stats);
      const counter = counterOn(tableName);
      const { rnd } = seeded(lambda === 'keeps' ? 11 : 12);
      // Two shards of about 40 streams each, 1 to 4 events per stream, both writing the one counters item.
      const shards = [0, 1].map((s) => shardRecords(Array.from({ length: 40 }, (_, i): [string, number] => [`${i % 3 === 0 ? 'product' : 'order'}#s${s}-${i}`, 1 + (i % 4)]), 1_000_000 + s));

      await Promise.all(shards.map((records, s) => readShardInWindows(counter, `shard-${s}`, records, rnd, lambda)));

      const truth = (aggregate: string) => {
        const all = shards.flat().filter((r) => r.streamId.startsWith(`${aggregate}#`));
        return { events: all.length, streams: all.filter((r) => r.version === 1).length };
      };
      expect(await figuresIn(tableName)).toEqual({ order: truth('order'), product: truth('product') });
    },
  );

  it('writes once when DynamoDB cancels the transaction for another in flight on the counters', async () => {
    const tableName = await createViewTable(database.client, VIEW_KEYS.stats);
    const conflicting = firstTransactionConflicts(database.client);
    const counter = counterOn(tableName, conflicting.client);
    const records = shardRecords([['order#o-9', 2]], 50);
    const tallied = await counter.step({ state: undefined, shardId: 'shard-c', records, write: false });
    expect(await figuresIn(tableName)).toEqual({});
    await counter.step({ state: tallied, shardId: 'shard-c', records: [], write: true });
    expect(conflicting.cancelled()).toBe(true);
    expect(await figuresIn(tableName)).toEqual({ order: { events: 2, streams: 1 } });
  });
});
