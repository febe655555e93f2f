import { createHash, randomUUID } from 'node:crypto';
import type { LocalClock } from '../clock';
import { md5OfAttributes, type MessageAttributes } from './message-attributes';

/** A queue as the template declares it (the properties the runtime honours). */
export type QueueSpec = {
  name: string;
  arn: string;
  url: string;
  /** Seconds a received message stays hidden; SQS's default is 30. */
  visibilityTimeoutSeconds: number;
  /** Seconds a message is kept; SQS's default is 4 days. */
  retentionSeconds: number;
  /** Where a message goes once received more than `maxReceiveCount` times. */
  redrive?: { deadLetterQueueArn: string; maxReceiveCount: number };
};

/** A message as ReceiveMessage returns it, with all its message attributes (the API picks the asked ones). */
export type ReceivedMessage = {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes: Record<string, string>;
  MessageAttributes: MessageAttributes;
};

/** What SendMessage answers; the attributes' MD5 only when there are attributes, as in SQS. */
export type SentMessage = { MessageId: string; MD5OfMessageBody: string; MD5OfMessageAttributes?: string };

type StoredMessage = {
  id: string;
  body: string;
  md5: string;
  attributes: MessageAttributes;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The receipt handle of the latest receive; only it can delete or re-time the message. */
  receipt?: string;
};

/** A receipt handle that is not the message's latest, or of no message here (SQS's ReceiptHandleIsInvalid). */
export class InvalidReceiptHandle extends Error {
  readonly name = 'ReceiptHandleIsInvalid';
}

/**
 * One SQS standard queue in memory, with SQS's semantics where they matter to a consumer:
 * visibility timeout on receive, delete and re-time by the latest receipt handle only,
 * ApproximateReceiveCount, retention, and the redrive policy — a message received more than
 * `maxReceiveCount` times moves to the dead-letter queue, message attributes and all, instead of
 * being delivered.
 */
export class LocalQueue {
  private messages: StoredMessage[] = [];

  constructor(
    readonly spec: QueueSpec,
    private readonly clock: LocalClock,
    private readonly deadLetterQueue: (arn: string) => LocalQueue | undefined,
  ) {}

  send(body: string, { delaySeconds = 0, attributes = {} }: { delaySeconds?: number; attributes?: MessageAttributes } = {}): SentMessage {
    const now = this.clock.now();
    const message: StoredMessage = { id: randomUUID(), body, md5: md5(body), attributes, sentAt: now, visibleAt: now + delaySeconds * 1000, receiveCount: 0 };
    this.messages.push(message);
    const attributesMd5 = md5OfAttributes(attributes);
    return { MessageId: message.id, MD5OfMessageBody: message.md5, ...(attributesMd5 ? { MD5OfMessageAttributes: attributesMd5 } : {}) };
  }

  /** Up to `max` visible messages, hidden for `visibilitySeconds` (the queue's own by default). */
  receive(max: number, visibilitySeconds = this.spec.visibilityTimeoutSeconds): ReceivedMessage[] {
    const now = this.clock.now();
    this.expire(now);
    const received: ReceivedMessage[] = [];
    for (const message of [...this.messages]) {
      if (received.length >= max) break;
      if (message.visibleAt > now) continue;
      const redrive = this.spec.redrive;
      if (redrive && message.receiveCount >= redrive.maxReceiveCount && this.moveToDeadLetters(message, redrive.deadLetterQueueArn)) continue;
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + visibilitySeconds * 1000;
      message.receipt = `${message.id}#${randomUUID()}`;
      received.push({
        MessageId: message.id,
        ReceiptHandle: message.receipt,
        MD5OfBody: message.md5,
        Body: message.body,
        Attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(message.sentAt),
          ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
          SenderId: 'local',
        },
        MessageAttributes: message.attributes,
      });
    }
    return received;
  }

  /** Deletes the message of this receipt; an older receipt of a message received since deletes nothing, as in SQS. */
  delete(receiptHandle: string): void {
    const message = this.byReceipt(receiptHandle);
    if (message?.receipt === receiptHandle) this.messages = this.messages.filter((m) => m !== message);
  }

  changeVisibility(receiptHandle: string, visibilitySeconds: number): void {
    const message = this.byReceipt(receiptHandle);
    if (!message || message.receipt !== receiptHandle) throw new InvalidReceiptHandle(`the receipt handle ${receiptHandle} is not the message's latest`);
    message.visibleAt = this.clock.now() + visibilitySeconds * 1000;
  }

  purge(): void {
    this.messages = [];
  }

  /** The figures GetQueueAttributes reports. */
  counts(): { visible: number; inFlight: number; delayed: number; oldestAgeSeconds: number } {
    const now = this.clock.now();
    this.expire(now);
    const visible = this.messages.filter((m) => m.visibleAt <= now);
    return {
      visible: visible.length,
      inFlight: this.messages.filter((m) => m.visibleAt > now && m.receiveCount > 0).length,
      delayed: this.messages.filter((m) => m.visibleAt > now && m.receiveCount === 0).length,
      oldestAgeSeconds: this.messages.length ? Math.floor((now - Math.min(...this.messages.map((m) => m.sentAt))) / 1000) : 0,
    };
  }

  private moveToDeadLetters(message: StoredMessage, arn: string): boolean {
    const target = this.deadLetterQueue(arn);
    if (!target) return false;
    this.messages = this.messages.filter((m) => m !== message);
    target.send(message.body, { attributes: message.attributes });
    return true;
  }

  private expire(now: number): void {
    const oldest = now - this.spec.retentionSeconds * 1000;
    if (this.messages.some((m) => m.sentAt < oldest)) this.messages = this.messages.filter((m) => m.sentAt >= oldest);
  }

  private byReceipt(receiptHandle: string): StoredMessage | undefined {
    const id = receiptHandle.split('#')[0];
    return this.messages.find((m) => m.id === id);
  }
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}
