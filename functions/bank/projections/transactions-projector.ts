import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isAccountEvent, parseStreamId, UnknownEvent } from '../domain';
import type { StoredEvent } from '../../platform/eventstore';
import { attempt } from '../../platform/projections/parking/poison';
import type { Outcome, Projection, ProjectionPorts } from '../../platform/projections/projection';
import { transactionOf, transactionSeq } from './transaction-view';

/** A row that stands for an event the view could not read: it is parked, and the row says so (queries leave it out). */
export type ParkedTransactionRow = { accountId: string; seq: string; version: number; parked: true; reason: string };

/**
 * Keeps the transactions view: one row per event that moved money on an account, keyed by the
 * account (from the stream id) and the event's version. Each row depends on its own event only,
 * so redelivery is a conditional put that finds its row (a duplicate), order does not matter and
 * there is no gap to heal. An event that cannot be read as a transaction is parked, and a
 * `parked` row takes its place, so a redelivery neither parks it again nor hides it. A repair
 * reads the event again from the store (it may have been mended there) and, if it now applies,
 * puts its row over the parked one; otherwise it is parked again.
 */
export function transactionsProjection({ client, tableName, store, parking }: ProjectionPorts): Projection {
  /** Puts the row unless one is there already (or, for a repair, unless a real one is). */
  const put = async (item: Record<string, unknown>, overParked: boolean): Promise<boolean> => {
    try {
      await client.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: overParked ? 'attribute_not_exists(seq) OR parked = :parked' : 'attribute_not_exists(seq)', ExpressionAttributeValues: overParked ? { ':parked': true } : undefined }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };

  const handle = async (event: StoredEvent, repairing: boolean): Promise<Outcome> => {
    const stream = parseStreamId(event.streamId);
    if (stream?.aggregate !== 'account') return 'ignored';
    const step = attempt(() => {
      if (!isAccountEvent(event)) throw new UnknownEvent(event, 'account');
      return transactionOf(stream.id, event, { version: event.version, at: event.at });
    });
    if (!step.ok) {
      const marker: ParkedTransactionRow = { accountId: stream.id, seq: transactionSeq(event.version), version: event.version, parked: true, reason: step.reason };
      // Parked before the marker is written: a failed write leaves at worst a second parked copy, never a skip that was not parked.
      if (!repairing && !(await isNew(event))) return 'duplicate';
      await parking.park({ event, reason: step.reason });
      await put(marker, repairing);
      return 'parked';
    }
    if (!step.value) return 'ignored';
    if (await put(step.value, repairing)) return repairing ? 'repaired' : 'applied';
    return 'duplicate';
  };

  /** Whether nothing stands at this event's place yet (a redelivered poison event finds its marker). */
  const isNew = async (event: StoredEvent): Promise<boolean> => {
    const stream = parseStreamId(event.streamId)!;
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { accountId: stream.id, seq: transactionSeq(event.version) }, ConsistentRead: true }));
    return !Item;
  };

  return {
    project: (event) => handle(event, false),
    repair: async (event) => {
      const stored = (await store.load(event.streamId)).events.find((e) => e.version === event.version);
      return handle(stored ?? event, true);
    },
  };
}
