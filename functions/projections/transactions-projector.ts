import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { isAccountEvent, parseStreamId, UnknownEvent } from '../domain';
import type { StoredEvent } from '../eventstore';
import { attempt } from './parking/poison';
import type { Outcome, Projection, ProjectionPorts } from './projection';
import { transactionOf } from './transaction-view';

/**
 * Keeps the transactions view: one row per event that moved money on an account, keyed by the
 * account and the event's version. Each row depends on its own event only, so redelivery is a
 * conditional put that finds its row (a duplicate), order does not matter and there is no gap to
 * heal. An event that cannot be read as a transaction is parked; its repair puts the row if the
 * event now applies, or parks it again.
 */
export function transactionsProjection({ client, tableName, parking }: ProjectionPorts): Projection {
  const handle = async (event: StoredEvent): Promise<Outcome> => {
    if (parseStreamId(event.streamId)?.aggregate !== 'account') return 'ignored';
    const step = attempt(() => {
      if (!isAccountEvent(event)) throw new UnknownEvent(event, 'account');
      return transactionOf(event, { version: event.version, at: event.at });
    });
    if (!step.ok) {
      await parking.park({ event, reason: step.reason });
      return 'parked';
    }
    if (!step.value) return 'ignored';
    try {
      await client.send(new PutCommand({ TableName: tableName, Item: step.value, ConditionExpression: 'attribute_not_exists(seq)' }));
      return 'applied';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  };
  return { project: handle, repair: async (event) => ((await handle(event)) === 'duplicate' ? 'duplicate' : 'repaired') };
}
