import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { eachMessage } from '../batch/each-message';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { ENV } from '../contract/environment';
import { emitBusinessMetric } from '../observability/business-metrics';
import { logger } from '../observability/logger';
import { observed } from '../observability/observed';
import { deadLetterItem, type DeadLetterSource } from './dead-letter-item';
import { InboxStore } from './inbox-store';

const store = new InboxStore(documentClient(), requireEnv(ENV.inboxTable));
/** The context's dead-letter queues, by ARN (lib/platform/context-inbox.ts). */
const sources = new Map((JSON.parse(requireEnv(ENV.inboxSources)) as DeadLetterSource[]).map((source) => [source.arn, source]));

/**
 * Takes every dead letter of its context's queues into the operator's inbox: one item each, with
 * its kind, what it concerns, why it failed and the message itself (withheld.ts), and the queue a
 * retry sends it back to. A redelivered message opens its item once. Counted (InboxItemsOpened)
 * for the alarm that sends a person to the inbox.
 */
export const handler = observed<SQSEvent, SQSBatchResponse>(
  () => ({}),
  (event) =>
    eachMessage(
      event.Records,
      async (record) => {
        const source = sources.get(record.eventSourceARN);
        if (!source) throw new Error(`no inbox source for the queue ${record.eventSourceARN}`);
        const item = deadLetterItem(record, source, new Date().toISOString());
        if (await store.open(item)) {
          emitBusinessMetric('InboxItemsOpened', {});
          logger.warn('a dead letter is in the inbox', { itemId: item.itemId, kind: item.kind, source: item.source, concerns: item.concerns, error: item.error });
        }
      },
      async (record, error) => logger.error('a dead letter could not be taken into the inbox; it will be retried', { messageId: record.messageId, error: String(error) }),
    ),
);
