import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv } from '../config';
import { parseStreamId } from '../domain';
import { eventFromRecord, type EventSchemas, type StoredEvent } from '../eventstore';
import { logger } from '../observability/logger';
import { observed } from '../observability/observed';
import { putAllEvents } from './put-all-events';
import { ENV } from '../contract/environment';
import { busSource } from '../contract/bus';

/** The bus entry of a stored event: source `orderline.<aggregate>`, detail-type the event type. */
export function busEntry(stored: StoredEvent, eventBusName: string): PutEventsRequestEntry {
  const aggregate = parseStreamId(stored.streamId)?.aggregate ?? 'unknown';
  return {
    EventBusName: eventBusName,
    Source: busSource(aggregate),
    DetailType: stored.type,
    Time: new Date(stored.at),
    Detail: JSON.stringify({ eventId: stored.meta.eventId, streamId: stored.streamId, version: stored.version, at: stored.at, data: stored.data, correlationId: stored.meta.correlationId }),
  };
}

/**
 * Forwards the events appended to the store that the context publishes (the stream's filter
 * gives it only those) to the `orderline` bus: the events table is the outbox, so no event is
 * lost between the write and the bus. The effects that must happen hang
 * off the bus, so a record is retried until the bus takes it (the stream keeps it 24 hours);
 * only what can never go — a record that cannot be read, an entry the bus refuses for good — is
 * parked in the dead-letter queue with its content, so it cannot hold up every event behind it.
 * Each context runs it on its own events table, with its own event `schemas` (so an upcaster
 * that drops a secret from an old event does so before the event reaches the bus).
 */
export function forwardEventsHandler(schemas: EventSchemas) {
  const eventBridge = new EventBridgeClient({});
  const sqs = new SQSClient({});
  const eventBusName = requireEnv(ENV.eventBusName);
  const parkedQueueUrl = requireEnv(ENV.parkedEventsQueueUrl);
  const park = async (body: string, reason: string): Promise<void> => {
    await sqs.send(new SendMessageCommand({ QueueUrl: parkedQueueUrl, MessageBody: body, MessageAttributes: { ParkedBecause: { DataType: 'String', StringValue: reason.slice(0, 1000) } } }));
    logger.error('an event that cannot go on the bus was parked', { reason });
  };
  return observed<DynamoDBStreamEvent, DynamoDBBatchResponse>(() => ({}), async (event) => {
  const forwardable: { record: DynamoDBRecord; entry: PutEventsRequestEntry }[] = [];
  for (const record of event.Records) {
    try {
      forwardable.push({ record, entry: busEntry(eventFromRecord(record, schemas), eventBusName) });
    } catch (error) {
      await park(JSON.stringify(record), `the record cannot be read: ${String(error)}`);
    }
  }
  const { failed, refused } = await putAllEvents((batch) => eventBridge.send(new PutEventsCommand({ Entries: batch })), forwardable.map((f) => f.entry));
  for (const { index, code, message } of refused) await park(forwardable[index]!.entry.Detail ?? '', `the bus refused it: ${code} ${message ?? ''}`.trim());
  if (failed.length === 0) return { batchItemFailures: [] };
  const first = forwardable[Math.min(...failed)]?.record;
  logger.error('the event bus refused entries; retrying', { failed: failed.length, of: forwardable.length });
  return { batchItemFailures: [{ itemIdentifier: first?.dynamodb?.SequenceNumber ?? '' }] };
  });
}
