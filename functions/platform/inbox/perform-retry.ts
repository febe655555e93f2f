import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { InboxItem, RetryAction } from './inbox-item';
import { INBOX_RETRY_EVENT, type InboxRetryRequest } from './retry-request';

export type RetryClients = { sqs: SQSClient; events: EventBridgeClient; busName: string };

/**
 * Does an item's retry: `done` when the message is back on its queue (its consumer is idempotent,
 * so a message that had in fact been done changes nothing); `requested` when a context was asked
 * to finish a saga's work and will record the outcome itself.
 */
export async function performRetry(item: InboxItem & { retry: RetryAction }, by: string, clients: RetryClients): Promise<'done' | 'requested'> {
  const { retry } = item;
  switch (retry.kind) {
    case 'send':
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: retry.queueUrl, MessageBody: retry.body }));
      return 'done';
    case 'event': {
      const detail: InboxRetryRequest = { itemId: item.itemId, target: retry.target, ids: retry.ids, by };
      const answer = await clients.events.send(new PutEventsCommand({ Entries: [{ EventBusName: clients.busName, Source: INBOX_RETRY_EVENT.source, DetailType: INBOX_RETRY_EVENT.detailType, Detail: JSON.stringify(detail) }] }));
      if (answer.FailedEntryCount) throw new Error(`the bus refused the retry request: ${answer.Entries?.[0]?.ErrorCode ?? 'unknown'} ${answer.Entries?.[0]?.ErrorMessage ?? ''}`);
      return 'requested';
    }
    default: {
      const never: never = retry;
      throw new Error(`unknown retry ${JSON.stringify(never)}`);
    }
  }
}
