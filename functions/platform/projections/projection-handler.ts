import type { DynamoDBBatchResponse, DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { eachMessage } from '../batch/each-message';
import { storedEventsInOrder } from '../batch/stored-events-in-order';
import { logIdsOf } from '../observability/event-ids';
import { logger, logWith } from '../observability/logger';
import { observed } from '../observability/observed';
import { emitProjectionLag } from '../observability/projection-lag';
import { storedEventOf } from './parking/repair-message';
import type { EventSchemas } from '../eventstore';
import type { Outcome, Projection } from './projection';
import type { streamFanOutHandler } from './stream-fan-out';

/** What one projection function is given: the events table's stream, or its repair queue. */
export type ProjectionEvent = DynamoDBStreamEvent | SQSEvent;

/** The outcomes that wrote the event into the view just now: the projection lag is measured on these. */
const WRITTEN: ReadonlySet<Outcome> = new Set(['applied', 'healed']);

/**
 * The one handler of a projection function, for both of its event sources, told apart by the
 * records' `eventSource` (`aws:sqs` for the repair queue; the stream's are `aws:dynamodb`). Either
 * way it answers partial batch failures. Poison never fails a record: the projection parks it.
 * What fails is transient, and is tried again: by the stream (and after its retries, the
 * record's position goes to the stream's dead-letter queue), or by the repair queue (and after
 * its receives, the message goes to the parked queue). `name` is the projection's, for the
 * ProjectionLag metric (from the event's time to its write in the view); `schemas` the
 * context's, so the stream's events arrive in their current shape. The stacks give each view's
 * function its repair queue only: a stream allows two readers, so the stream reaches the views
 * through the context's one views reader ({@link streamFanOutHandler}).
 */
export function projectionHandler(projection: Projection, name: string, schemas: EventSchemas) {
  return observed<ProjectionEvent, DynamoDBBatchResponse | SQSBatchResponse>(
    () => ({}),
    (event) => (isRepairEvent(event) ? repairBatch(event, projection) : projectStream(event, projection, name, schemas)),
  );
}

/** A batch is from one event source; SQS records say `aws:sqs`. */
export function isRepairEvent(event: ProjectionEvent): event is SQSEvent {
  const records: { eventSource?: string }[] = event.Records;
  return records.length > 0 && records.every((record) => record.eventSource === 'aws:sqs');
}

/** Projects a stream batch in order: the first record that fails is reported and nothing after it is tried. */
function projectStream(event: DynamoDBStreamEvent, projection: Projection, name: string, schemas: EventSchemas): Promise<DynamoDBBatchResponse> {
  return storedEventsInOrder(event.Records, 'projection', schemas, async (stored) => {
    const outcome = await projection.project(stored);
    if (WRITTEN.has(outcome)) emitProjectionLag(name, stored);
  });
}

/** Repairs from each message on its own (a queue keeps no order); those that fail come back later. */
function repairBatch(event: SQSEvent, projection: Projection): Promise<SQSBatchResponse> {
  return eachMessage(
    event.Records,
    async (record) => {
      const stored = storedEventOf(record.messageId, record.body);
      logWith(logIdsOf(stored.streamId, stored.meta.correlationId));
      const outcome = await projection.repair(stored);
      logger.info('repair handled', { messageId: record.messageId, outcome });
    },
    (record, error) => logger.error('repair failed; the message will come back', { messageId: record.messageId, error: String(error) }),
  );
}
