import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
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
 * The work must be idempotent: SQS delivers at least once.
 */
export function effectConsumer(queues: EffectQueues, work: (event: BusEvent) => Promise<void>) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        await work(busEventFrom(record.body));
      } catch (error) {
        if (error instanceof MalformedMessage) {
          await park(queues, record, error.message);
          continue;
        }
        console.error(JSON.stringify({ level: 'error', message: 'effect failed; it will be retried', messageId: record.messageId, receiveCount: record.attributes.ApproximateReceiveCount, error: String(error) }));
        await hideFor(queues, record, retryDelaySeconds(Number(record.attributes.ApproximateReceiveCount)));
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };
}

async function park({ client, deadLetterQueueUrl }: EffectQueues, record: SQSRecord, reason: string): Promise<void> {
  await client.send(
    new SendMessageCommand({
      QueueUrl: deadLetterQueueUrl,
      MessageBody: record.body,
      MessageAttributes: { ParkedBecause: { DataType: 'String', StringValue: reason } },
    }),
  );
  console.error(JSON.stringify({ level: 'error', message: 'unreadable message parked in the dead-letter queue', messageId: record.messageId, reason }));
}

/** Best effort: if re-timing fails, the queue's own visibility timeout still brings the message back. */
async function hideFor({ client, queueUrl }: EffectQueues, record: SQSRecord, seconds: number): Promise<void> {
  await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: record.receiptHandle, VisibilityTimeout: seconds })).catch(() => undefined);
}
