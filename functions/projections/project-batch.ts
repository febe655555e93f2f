import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { eventFromRecord, type StoredEvent } from '../eventstore';

/** Applies one stored event to a read model. */
export type Projector = (event: StoredEvent) => Promise<unknown>;

/**
 * Applies a stream batch in order. The first record that fails is reported, so Lambda retries
 * from it and nothing after it is applied out of order; a record that keeps failing ends in the
 * dead-letter queue after the mapping's retries, and the shard moves on.
 */
export async function projectBatch(records: DynamoDBRecord[], project: Projector): Promise<DynamoDBBatchResponse> {
  for (const record of records) {
    try {
      await project(eventFromRecord(record));
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'projection failed', eventID: record.eventID, error: String(error) }));
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
