import type { LocalClock } from '../clock';
import { attributesBytes, InvalidMessageAttribute, md5OfAttributes, parseMessageAttributes, selectAttributes } from './message-attributes';
import { InvalidReceiptHandle, LocalQueue, type QueueSpec, type ReceivedMessage } from './queue';

/** An SQS error in the AWS JSON protocol's shape (the SDK reads `__type` and `message`). */
class SqsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

type Body = Record<string, unknown>;
type Answer = { status: number; body: unknown };

/** How long a ReceiveMessage may wait for a message (SQS allows up to 20 s). */
const MAX_WAIT_SECONDS = 20;
const POLL_MS = 25;

/**
 * The template's SQS queues on this machine, answering the AWS JSON protocol (`AmazonSQS.*`) that
 * SDK v3 clients speak: Send(Batch), Receive (long polling included), Delete(Batch),
 * ChangeMessageVisibility, GetQueueAttributes, GetQueueUrl, Purge. Messages keep their message
 * attributes; a receive returns those its `MessageAttributeNames` ask for. Queues are known by
 * URL, ARN or name.
 */
export class LocalSqs {
  private readonly queues: LocalQueue[] = [];

  constructor(private readonly clock: LocalClock) {}

  addQueue(spec: QueueSpec): LocalQueue {
    const queue = new LocalQueue(spec, this.clock, (arn) => this.queues.find((q) => q.spec.arn === arn));
    this.queues.push(queue);
    return queue;
  }

  /** A queue by URL, ARN or name. */
  queue(id: string): LocalQueue | undefined {
    return this.queues.find((q) => q.spec.url === id || q.spec.arn === id || q.spec.name === id);
  }

  async handle(action: string, body: Body): Promise<Answer> {
    try {
      return { status: 200, body: await this.call(action, body) };
    } catch (error) {
      if (error instanceof SqsError) return { status: 400, body: { __type: `com.amazonaws.sqs#${error.type}`, message: error.message } };
      if (error instanceof InvalidMessageAttribute) return { status: 400, body: { __type: 'com.amazonaws.sqs#InvalidParameterValue', message: error.message } };
      if (error instanceof InvalidReceiptHandle) return { status: 400, body: { __type: 'com.amazonaws.sqs#ReceiptHandleIsInvalid', message: error.message } };
      throw error;
    }
  }

  private async call(action: string, body: Body): Promise<unknown> {
    if (action === 'GetQueueUrl') return { QueueUrl: this.named(String(body.QueueName)).spec.url };
    const queue = this.named(String(body.QueueUrl));
    switch (action) {
      case 'SendMessage': {
        const message = outgoing(body);
        withinSize(message.bytes, 'InvalidParameterValue');
        return queue.send(message.body, message.options);
      }
      case 'SendMessageBatch': {
        const messages = entries(body).map((entry) => ({ Id: entry.Id, ...outgoing(entry) }));
        withinSize(messages.reduce((sum, m) => sum + m.bytes, 0), 'BatchRequestTooLong');
        return { Successful: messages.map((m) => ({ Id: m.Id, ...queue.send(m.body, m.options) })), Failed: [] };
      }
      case 'ReceiveMessage':
        return { Messages: (await this.receive(queue, body)).map((m) => answered(m, body.MessageAttributeNames)) };
      case 'DeleteMessage':
        queue.delete(text(body.ReceiptHandle, 'ReceiptHandle'));
        return {};
      case 'DeleteMessageBatch':
        for (const entry of entries(body)) queue.delete(text(entry.ReceiptHandle, 'ReceiptHandle'));
        return { Successful: entries(body).map((entry) => ({ Id: entry.Id })), Failed: [] };
      case 'ChangeMessageVisibility':
        queue.changeVisibility(text(body.ReceiptHandle, 'ReceiptHandle'), Number(body.VisibilityTimeout));
        return {};
      case 'GetQueueAttributes':
        return { Attributes: attributes(queue) };
      case 'PurgeQueue':
        queue.purge();
        return {};
      default:
        throw new SqsError('UnsupportedOperation', `the local runtime does not emulate SQS ${action}`);
    }
  }

  private async receive(queue: LocalQueue, body: Body) {
    const max = Math.min(10, Math.max(1, Number(body.MaxNumberOfMessages ?? 1)));
    const visibility = body.VisibilityTimeout === undefined ? undefined : Number(body.VisibilityTimeout);
    const deadline = Date.now() + Math.min(MAX_WAIT_SECONDS, Number(body.WaitTimeSeconds ?? 0)) * 1000;
    for (;;) {
      const messages = queue.receive(max, visibility);
      if (messages.length || Date.now() >= deadline) return messages;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private named(id: string): LocalQueue {
    const queue = this.queue(id);
    if (!queue) throw new SqsError('QueueDoesNotExist', `the specified queue ${id} does not exist`);
    return queue;
  }
}

function attributes(queue: LocalQueue): Record<string, string> {
  const { visible, inFlight, delayed, oldestAgeSeconds } = queue.counts();
  const { arn, visibilityTimeoutSeconds, retentionSeconds, redrive } = queue.spec;
  return {
    QueueArn: arn,
    ApproximateNumberOfMessages: String(visible),
    ApproximateNumberOfMessagesNotVisible: String(inFlight),
    ApproximateNumberOfMessagesDelayed: String(delayed),
    ApproximateAgeOfOldestMessage: String(oldestAgeSeconds),
    VisibilityTimeout: String(visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(retentionSeconds),
    ...(redrive ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: redrive.deadLetterQueueArn, maxReceiveCount: redrive.maxReceiveCount }) } : {}),
  };
}

/** A SendMessage's (or batch entry's) body, delay and attributes, and its size as SQS counts it (body and attributes). */
function outgoing(request: Body) {
  const body = text(request.MessageBody, 'MessageBody');
  const attributes = parseMessageAttributes(request.MessageAttributes);
  return { body, options: { delaySeconds: Number(request.DelaySeconds ?? 0), attributes }, bytes: Buffer.byteLength(body) + attributesBytes(attributes) };
}

/** A message as ReceiveMessage answers it: the message attributes asked for, with their MD5, only when there are some. */
function answered(message: ReceivedMessage, names: unknown) {
  const { MessageId, ReceiptHandle, MD5OfBody, Body, Attributes } = message;
  const attributes = selectAttributes(message.MessageAttributes, names);
  const md5 = md5OfAttributes(attributes);
  return { MessageId, ReceiptHandle, MD5OfBody, Body, Attributes, ...(md5 ? { MessageAttributes: attributes, MD5OfMessageAttributes: md5 } : {}) };
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new SqsError('MissingParameter', `the request must contain the parameter ${name}`);
  return value;
}

function entries(body: Body): Body[] {
  const list = body.Entries;
  if (!Array.isArray(list) || list.length === 0 || list.length > 10) throw new SqsError('EmptyBatchRequest', 'a batch holds 1 to 10 entries');
  return list as Body[];
}

/** SQS's quota on a message (and on a batch's messages together): 1 MiB. */
export const MAX_MESSAGE_BYTES = 1_048_576;

/** SQS's refusal of a message (`InvalidParameterValue`) or a batch (`BatchRequestTooLong`) over the quota. */
function withinSize(bytes: number, refusal: 'InvalidParameterValue' | 'BatchRequestTooLong'): void {
  if (bytes <= MAX_MESSAGE_BYTES) return;
  throw new SqsError(refusal, refusal === 'InvalidParameterValue' ? `One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.` : `Batch requests cannot be longer than ${MAX_MESSAGE_BYTES} bytes. You have sent ${bytes} bytes.`);
}
