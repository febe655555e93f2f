import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { logger } from '../../observability/logger';
import { parkedMessage, type EventParking } from './parked-events';

/** The message attribute that says why an event was parked (as the effects' dead letters do). */
export const PARKED_BECAUSE = 'ParkedBecause';

/** Parks events in an SQS queue, one message per event (see {@link parkedMessage}). */
export function sqsParking(client: SQSClient, queueUrl: string): EventParking {
  return {
    async park(parked) {
      const { body, reason } = parkedMessage(parked);
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body, MessageAttributes: { [PARKED_BECAUSE]: { DataType: 'String', StringValue: reason } } }));
      // The event's facts, never its data: it may hold personal details.
      const { streamId, version, type } = parked.event;
      logger.warn('event parked: the projection cannot apply it', { streamId, version, type, reason });
    },
  };
}
