import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { eventSchemas } from '../domain';
import { eventFromRecord } from '../eventstore';
import { storedEventOf } from './parking/repair-message';
import type { Projection } from './projection';

/** What one projection function is given: the events table's stream, or its repair queue. */
export type ProjectionEvent = DynamoDBStreamEvent | SQSEvent;

/**
 * The one handler of a projection function, for both of its event sources, told apart by the
 * records' `eventSource` (`aws:sqs` for the repair queue; the stream's are `aws:dynamodb`). Either
 * way it answers partial batch failures. Poison never fails a record: the projection parks it.
 * What fails is transient, and is tried again: by the stream (and after its retries, the
 * record's position goes to the stream's dead-letter queue), or by the repair queue (and after
 * its receives, the message goes to the parked queue).
 */
export function projectionHandler(projection: Projection) {
  return (event: ProjectionEvent): Promise<DynamoDBBatchResponse | SQSBatchResponse> =>
    isRepairEvent(event) ? repairBatch(event, projection) : projectStream(event.Records, projection);
}

/** A batch is from one event source; SQS records say `aws:sqs`. */
export function isRepairEvent(event: ProjectionEvent): event is SQSEvent {
  const records: { eventSource?: string }[] = event.Records;
  return records.length > 0 && records.every((record) => record.eventSource === 'aws:sqs');
}

/**
 * Projects a stream batch in order. The first record that fails is reported and nothing after it
 * is tried: Lambda retries from it, so no event of the batch is applied out of order.
 */
async function projectStream(records: DynamoDBRecord[], projection: Projection): Promise<DynamoDBBatchResponse> {
  for (const record of records) {
    try {
      await projection.project(eventFromRecord(record, eventSchemas));
    } catch (error) {
      logFailure('projection failed; the stream will retry the record', { eventID: record.eventID }, error);
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}

/** Repairs from each message on its own (a queue keeps no order); those that fail come back later. */
async function repairBatch(event: SQSEvent, projection: Projection): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const outcome = await projection.repair(storedEventOf(record.messageId, record.body));
      console.log(JSON.stringify({ level: 'info', message: 'repair handled', messageId: record.messageId, outcome }));
    } catch (error) {
      logFailure('repair failed; the message will come back', { messageId: record.messageId }, error);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

function logFailure(message: string, ids: Record<string, string | undefined>, error: unknown): void {
  console.error(JSON.stringify({ level: 'error', message, ...ids, error: String(error) }));
}
