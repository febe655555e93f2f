import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv } from '../config';
import { eventFromRecord, type StoredEvent } from '../eventstore';
import { putAllEvents } from './put-all-events';

const eventBridge = new EventBridgeClient({});
const eventBusName = requireEnv('EVENT_BUS_NAME');

/** The bus entry of a stored event: source `orderline.<aggregate>`, detail-type the event type. */
export function busEntry(stored: StoredEvent): PutEventsRequestEntry {
  const aggregate = stored.streamId.split('#')[0] ?? 'unknown';
  return {
    EventBusName: eventBusName,
    Source: `orderline.${aggregate}`,
    DetailType: stored.type,
    Time: new Date(stored.at),
    Detail: JSON.stringify({ eventId: stored.meta.eventId, streamId: stored.streamId, version: stored.version, at: stored.at, data: stored.data, correlationId: stored.meta.correlationId }),
  };
}

/**
 * Forwards every event appended to the store to the `orderline` bus: the events table is the
 * outbox, so no event is lost between the write and the bus. Entries the bus still refuses after
 * retries are reported from the first such record on, and the stream delivers them again.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const entries = event.Records.map((record) => busEntry(eventFromRecord(record)));
  const failed = await putAllEvents((batch) => eventBridge.send(new PutEventsCommand({ Entries: batch })), entries);
  if (failed.length === 0) return { batchItemFailures: [] };
  const first = event.Records[Math.min(...failed)];
  console.error(JSON.stringify({ level: 'error', message: 'the event bus refused entries', failed: failed.length, of: entries.length }));
  return { batchItemFailures: [{ itemIdentifier: first?.dynamodb?.SequenceNumber ?? '' }] };
}
