import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { eventFromRecord, type EventSchemas, type StoredEvent } from '../eventstore';
import { logIdsOf } from '../observability/event-ids';
import { logger, logWith } from '../observability/logger';
import { inOrder } from './in-order';

/**
 * Works through a batch of the events table's stream in order (see {@link inOrder}), each record
 * read as the stored event it is, in its current shape (by the context's `schemas`), and logged under that event's correlation
 * id and order id. `what` names the work in the line logged when a record fails.
 */
export function storedEventsInOrder(records: DynamoDBRecord[], what: string, schemas: EventSchemas, work: (event: StoredEvent) => Promise<void>): Promise<DynamoDBBatchResponse> {
  return inOrder(
    records,
    async (record) => {
      const event = eventFromRecord(record, schemas);
      logWith(logIdsOf(event.streamId, event.meta.correlationId));
      await work(event);
    },
    (record, error) => logger.error(`${what} failed; the stream will retry from this record`, { eventID: record.eventID, error: String(error) }),
  );
}
