import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { countInStoreFigures, storeFiguresOf, type StreamVersion } from '../../../../functions/platform/projections/store-figures';
import { FIGURES_KEYS } from '../../../../functions/platform/projections/figures-keys';
import { firstTransactionConflicts } from '../../../support/projections/conflicting-client';
import { createViewTable, localDatabase, VIEW_KEYS, type LocalDatabase } from '../../../support/projections/local-database';

/** The event store's figures (GET /stats), counted a batch at a time: real transactions on DynamoDB Local. */
describe('the event store figures', () => {
  let database: LocalDatabase;
  beforeAll(async () => {
    database = await localDatabase();
  });
  afterAll(() => database?.stop());

  const figuresIn = async (tableName: string) => storeFiguresOf((await database.client.send(new GetCommand({ TableName: tableName, Key: FIGURES_KEYS.storeFigures, ConsistentRead: true }))).Item);
  const history = (streamId: string, versions: number): StreamVersion[] => Array.from({ length: versions }, (_, i) => ({ streamId, version: i + 1 }));

  it('counts events and streams per aggregate type, each event once however often it is delivered', async () => {
    const { client } = database;
    const tableName = await createViewTable(client, VIEW_KEYS.stats);
    const events = [...history('order#o-1', 2), ...history('order#o-2', 1), ...history('product#KB-1', 1), ...history('reservation#o-1', 1), ...history('payment#o-1', 2)];
    expect(await countInStoreFigures(client, tableName, events)).toMatchObject({ streams: 5, events: 7 });
    // Redelivered, whole and in parts, all at once: nothing more is counted.
    expect(await Promise.all([events, events.slice(2), events.slice(0, 3)].map((batch) => countInStoreFigures(client, tableName, batch)))).toEqual([0, 1, 2].map(() => ({ streams: 0, events: 0, moved: [] })));
    // A stream id that is not `<aggregate>#<id>` is no aggregate's: not counted.
    expect(await countInStoreFigures(client, tableName, [{ streamId: 'no-aggregate', version: 1 }])).toEqual({ streams: 0, events: 0, moved: [] });

    expect(await figuresIn(tableName)).toEqual({
      order: { events: 3, streams: 2 },
      product: { events: 1, streams: 1 },
      reservation: { events: 1, streams: 1 },
      payment: { events: 2, streams: 1 },
    });
  });

  it('is exact for any split of a history into batches, in any order, with copies counted at the same time', async () => {
    const { client } = database;
    const tableName = await createViewTable(client, VIEW_KEYS.stats);
    // 150 streams (more than one transaction takes), 1 to 4 events each.
    const streams = Array.from({ length: 150 }, (_, i) => history(`${i % 3 === 0 ? 'product' : 'order'}#s-${i}`, 1 + (i % 4)));
    const events = streams.flat();
    let seed = 20261202;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const shuffled = (items: StreamVersion[]) => items.map((item) => ({ item, key: random() })).sort((a, b) => a.key - b.key).map(({ item }) => item);
    // Three deliveries of every event, shuffled across and within streams, cut into batches of 1 to 60, four batches at a time.
    const deliveries = shuffled([...events, ...events, ...events]);
    const batches: StreamVersion[][] = [];
    for (let i = 0; i < deliveries.length; ) {
      const size = 1 + Math.floor(random() * 60);
      batches.push(deliveries.slice(i, i + size));
      i += size;
    }
    // And the whole history as one batch (two transactions), twice at once, among them.
    batches.splice(batches.length >> 1, 0, events, shuffled(events));
    for (let i = 0; i < batches.length; i += 4) await Promise.all(batches.slice(i, i + 4).map((batch) => countInStoreFigures(client, tableName, batch)));

    const truth = (aggregate: string) => {
      const of = streams.filter((s) => s[0]!.streamId.startsWith(`${aggregate}#`));
      return { events: of.flat().length, streams: of.length };
    };
    expect(await figuresIn(tableName)).toEqual({ order: truth('order'), product: truth('product') });
  });

  it('counts again, once, when DynamoDB cancels the transaction for another in flight on the counters', async () => {
    const { client } = database;
    const tableName = await createViewTable(client, VIEW_KEYS.stats);
    const conflicting = firstTransactionConflicts(client);
    expect(await countInStoreFigures(conflicting.client, tableName, history('order#o-9', 2))).toMatchObject({ streams: 1, events: 2 });
    expect(conflicting.cancelled()).toBe(true);
    expect(await figuresIn(tableName)).toEqual({ order: { events: 2, streams: 1 } });
  });
});
