import { createEventStore } from '../../../functions/platform/eventstore';
import { createEventsTable, localDocumentClient } from '../../support/dynamodb';
import { transferLegs } from './concurrent-transfers';

/**
 * A load test (`*.load.test.ts`: `npm run test:load` runs it, not `npm test`): transfer-legs.test.ts's
 * concurrent transfers, a hundred at once among ten accounts, on DynamoDB Local.
 */
describe('transfer legs on DynamoDB Local, at load', () => {
  it('100 concurrent transfers among 10 accounts, some overdrawing, some to a closed account: money conserved to the cent, no negative balance, every transfer ended', async () => {
    const client = localDocumentClient();
    const store = createEventStore({ client, tableName: await createEventsTable(client) });
    await transferLegs(store).concurrentTransfers({ accounts: 10, transfers: 100 });
  }, 120_000);
});
