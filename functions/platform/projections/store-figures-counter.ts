import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { ENV } from '../contract/environment';
import { streamPrefix } from '../domain/streams';
import { freshTally, shardWatermark, tallyRecords, writeTally, type FiguresTally } from './store-figures';
import type { WindowCounter } from './stream-fan-out';

/**
 * The store figures as a window counter of a context's views reader (GET /stats shows them):
 * every event of the context's aggregates tallied in the shard's tumbling-window state and
 * written once a window, not once a batch. Each step reads the shard's watermark first: a tally
 * whose base is not the watermark any more was written already (a state Lambda carried from
 * before that write), and starts afresh from it.
 */
export function storeFiguresCounter(aggregates: readonly string[], client: DynamoDBDocumentClient = documentClient()): WindowCounter {
  const tableName = requireEnv(ENV.storeFiguresTable);
  return {
    name: 'store-figures',
    prefixes: aggregates.map(streamPrefix),
    step: async ({ state, shardId, records, write }) => {
      // Nothing to tally or write: the state goes on as it is, without a read.
      if (records.length === 0 && !write) return state;
      const watermark = await shardWatermark(client, tableName, shardId);
      const carried = state as FiguresTally | undefined;
      const tally = tallyRecords(carried?.base === watermark ? carried : freshTally(watermark), records);
      if (!write) return tally;
      await writeTally(client, tableName, shardId, tally);
      return freshTally(tally.through);
    },
  };
}
