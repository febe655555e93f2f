import { md5OfAttributes, type MessageAttributes } from './message-attributes';
import type { LocalQueue, ReceivedMessage } from './queue';

/** An SQS event source mapping, as the template gives it. */
export type SqsMapping = {
  id: string;
  functionName: string;
  batchSize: number;
  reportBatchItemFailures: boolean;
};

type BatchResponse = { batchItemFailures?: { itemIdentifier?: string }[] };

/** Batches in flight at once per mapping (Lambda starts with five pollers; two keep this machine's two cores breathing). */
const CONCURRENT_BATCHES = 2;
const IDLE_MS = 50;

/**
 * Lambda's SQS poller, locally: receives up to `batchSize` messages, invokes the function with
 * an SQS event (message attributes included, in the record's shape), deletes what succeeded. A
 * function error leaves the whole batch to come back after its visibility timeout; with
 * ReportBatchItemFailures only the messages the function names come back (a response naming a
 * message not in the batch fails the whole batch, as in AWS). Redrive to the dead-letter queue is
 * the queue's own business.
 */
export class SqsPoller {
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly options: {
      queue: LocalQueue;
      mapping: SqsMapping;
      region: string;
      invoke: (event: unknown) => Promise<unknown>;
      log: (line: string) => void;
    },
  ) {}

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: CONCURRENT_BATCHES }, () => this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const messages = this.options.queue.receive(this.options.mapping.batchSize);
      if (messages.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
        continue;
      }
      await this.deliver(messages);
    }
  }

  private async deliver(messages: ReceivedMessage[]): Promise<void> {
    const { queue, mapping, region, invoke, log } = this.options;
    const event = { Records: messages.map((m) => sqsRecord(m, queue.spec.arn, region)) };
    let failed: Set<string>;
    try {
      failed = this.failures(messages, (await invoke(event)) as BatchResponse | undefined);
    } catch (error) {
      // Said as a failure, so the quiet log (npm start without --verbose) shows it too.
      log(`${mapping.id}: invocation failed (${(error as Error).message}); ${messages.length} message(s) back to ${queue.spec.name} after their visibility timeout`);
      return;
    }
    for (const message of messages) if (!failed.has(message.MessageId)) queue.delete(message.ReceiptHandle);
    if (failed.size) log(`${mapping.id}: ${failed.size} of ${messages.length} message(s) failed; they come back after their visibility timeout`);
  }

  private failures(messages: ReceivedMessage[], response: BatchResponse | undefined): Set<string> {
    const ids = new Set(messages.map((m) => m.MessageId));
    if (!this.options.mapping.reportBatchItemFailures || !response?.batchItemFailures) return new Set();
    const named = response.batchItemFailures.map((f) => f.itemIdentifier ?? '');
    // An identifier that is empty or not in the batch makes Lambda treat the whole batch as failed.
    return named.every((id) => ids.has(id)) ? new Set(named) : ids;
  }
}

/** A message as Lambda's SQS event record carries it; `md5OfMessageAttributes` only when it has attributes, as in AWS. */
function sqsRecord(m: ReceivedMessage, eventSourceARN: string, awsRegion: string) {
  const md5OfMessageAttributes = md5OfAttributes(m.MessageAttributes);
  return {
    messageId: m.MessageId,
    receiptHandle: m.ReceiptHandle,
    body: m.Body,
    attributes: m.Attributes,
    messageAttributes: recordAttributes(m.MessageAttributes),
    md5OfBody: m.MD5OfBody,
    ...(md5OfMessageAttributes ? { md5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN,
    awsRegion,
  };
}

/** Message attributes as a Lambda SQS record carries them (camel case, the reserved list members empty). */
function recordAttributes(attributes: MessageAttributes) {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, a]) => [
      name,
      { ...(a.StringValue === undefined ? {} : { stringValue: a.StringValue }), ...(a.BinaryValue === undefined ? {} : { binaryValue: a.BinaryValue }), stringListValues: [], binaryListValues: [], dataType: a.DataType },
    ]),
  );
}
