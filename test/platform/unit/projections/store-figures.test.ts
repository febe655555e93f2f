import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { countInStoreFigures, storeFiguresOf } from '../../../../functions/platform/projections/store-figures';
import { FIGURES_KEYS } from '../../../../functions/platform/projections/figures-keys';
import { storedEvent } from '../../../support/projections/deliveries';
import { createViewTable, localDatabase, VIEW_KEYS, type LocalDatabase } from '../../../support/projections/local-database';

/** The event store's figures (GET /stats): real transactions on DynamoDB Local. */
describe('the event store figures', () => {
  let database: LocalDatabase;
  beforeAll(async () => {
    database = await localDatabase();
  });
  afterAll(() => database?.stop());

  it('counts events and streams per aggregate type, each event once however often it is delivered', async () => {
    const { client } = database;
    const tableName = await createViewTable(client, VIEW_KEYS.stats);
    const events = [
      storedEvent('order#o-1', 1, 'OrderCreated', {}),
      storedEvent('order#o-1', 2, 'OrderPlaced', {}),
      storedEvent('order#o-2', 1, 'OrderCreated', {}),
      storedEvent('product#KB-1', 1, 'ProductAdded', {}),
      storedEvent('reservation#o-1', 1, 'StockReserved', {}),
      storedEvent('payment#o-1', 1, 'PaymentCharged', {}),
      storedEvent('payment#o-1', 2, 'PaymentRefunded', {}),
    ];
    expect(await Promise.all(events.map((event) => countInStoreFigures(client, tableName, event)))).toEqual(events.map(() => 'applied'));
    // Redelivered, all at once: nothing more is counted.
    expect(await Promise.all(events.map((event) => countInStoreFigures(client, tableName, event)))).toEqual(events.map(() => 'duplicate'));
    // A stream id that is not `<aggregate>#<id>` is no aggregate's: not counted.
    expect(await countInStoreFigures(client, tableName, storedEvent('no-aggregate', 1, 'Whatever', {}))).toBe('ignored');

    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: FIGURES_KEYS.storeFigures, ConsistentRead: true }));
    expect(storeFiguresOf(Item)).toEqual({
      order: { events: 3, streams: 2 },
      product: { events: 1, streams: 1 },
      reservation: { events: 1, streams: 1 },
      payment: { events: 2, streams: 1 },
    });
  });
});
