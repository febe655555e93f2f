import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { eachMessage } from '../batch/each-message';
import { logIdsOf } from '../observability/event-ids';
import { logger, logWith } from '../observability/logger';
import { observed } from '../observability/observed';
import { retryDelaySeconds } from './backoff';
import { busEventFrom, MalformedMessage, type BusEvent } from './bus-event';

export type EffectQueues = { client: SQSClient; queueUrl: string; deadLetterQueueUrl: string };

/**
 * The handler of an effect that must happen (start a saga, refund a cancelled order): a consumer
 * of the effect's queue, which a bus rule fills with the domain events it needs. For each message:
 * - the work succeeds: the message is deleted (the poller does it);
 * - the work fails: the message is reported failed and hidden for a growing, jittered while
 *   (ChangeMessageVisibility), so an outage of hours costs a few hundred quiet tries, not a storm;
 *   after the queue's maxReceiveCount it moves to the dead-letter queue, event and all;
 * - the message cannot be read: it is parked in the dead-letter queue at once, with the reason.
 * The work must be idempotent: SQS delivers at least once. Each message's log lines carry its
 * event's correlation id and order id.
 */
export function effectConsumer(queues: EffectQueues, work: (event: BusEvent) => Promise<void>) {
  return observed<SQSEvent, SQSBatchResponse>(
    () => ({}),
    (event) =>
      eachMessage(
        event.Records,
        async (record) => {
          let busEvent: BusEvent;
          try {
            busEvent = busEventFrom(record.body);
          } catch (error) {
            if (error instanceof MalformedMessage) return park(queues, record, error.message);
            throw error;
          }
          logWith(logIdsOf(busEvent.detail.streamId, busEvent.detail.correlationId));
          await work(busEvent);
          // One line per effect done, by its event: what an operator (and a test) reads to see that a redriven message was taken.
          logger.info('effect done', { messageId: record.messageId, eventId: busEvent.detail.eventId });
        },
        async (record, error) => {
          logger.error('effect failed; it will be retried', { messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount, error: String(error) });
          await hideFor(queues, record, retryDelaySeconds(Number(record.attributes.ApproximateReceiveCount)));
        },
      ),
  );
}

async function park({ client, deadLetterQueueUrl }: EffectQueues, record: SQSRecord, reason: string): Promise<void> {
  await client.send(
    new SendMessageCommand({
      QueueUrl: deadLetterQueueUrl,
      MessageBody: record.body,
      MessageAttributes: { ParkedBecause: { DataType: 'String', StringValue: reason } },
    }),
  );
  logger.error('unreadable message parked in the dead-letter queue', { messageId: record.messageId, reason });
}

/** Best effort: if re-timing fails, the queue's own visibility timeout still brings the message back. */
async function hideFor({ client, queueUrl }: EffectQueues, record: SQSRecord, seconds: number): Promise<void> {
  await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: record.receiptHandle, VisibilityTimeout: seconds })).catch(() => undefined);
}
