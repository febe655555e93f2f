import type { SQSRecord } from 'aws-lambda';
import { concernsOfStream, deadLetterItemId, type InboxItem, type InboxKind } from './inbox-item';
import { withheld } from './withheld';

/** A dead-letter queue as its stack declares it to the inbox (deadLetterQueue() in lib/platform/dead-letter-queue.ts). */
export type DeadLetterSource = {
  /** The queue's ARN: a record's `eventSourceARN`. */
  arn: string;
  kind: Exclude<InboxKind, 'compensation'>;
  /** The part whose dead letters these are, e.g. `ProjectOrders`, `StartSaga`. */
  source: string;
  /** How many tries a message had before it moved here, when the queue that moves it says. */
  attempts?: number;
  /** Where a retry sends the message: the queue whose consumer takes it again. None: it cannot be retried, only resolved. */
  redriveUrl?: string;
};

const MAX_TEXT = 2_000;
/**
 * The most of a message an item shows (as JSON). The raw body is kept whole for the retry (a queue
 * message is at most 256 KiB, under DynamoDB's 400 KB item); the copy shown is cut past this, so
 * a large message still fits once beside it.
 */
const MAX_SHOWN = 32_000;

/** The inbox item for one dead letter: what it is, what it concerns, why it failed, and how to retry it. */
export function deadLetterItem(record: SQSRecord, source: DeadLetterSource, now: string): InboxItem {
  const body = parsed(record.body);
  const attribute = (name: string) => record.messageAttributes?.[name]?.stringValue;
  const { error, cause, attempts } = whyItFailed(source, body, attribute);
  return {
    itemId: deadLetterItemId(record.messageId),
    state: 'open',
    kind: source.kind,
    source: source.source,
    concerns: concernsOfStream(streamIdOf(body)),
    at: now,
    error,
    cause: cause.slice(0, MAX_TEXT),
    attempts,
    message: shown(body),
    ...(source.redriveUrl ? { retry: { kind: 'send', queueUrl: source.redriveUrl, body: record.body } } : {}),
    history: [{ type: 'Opened', at: now }],
  };
}

type Reason = { error: string; cause: string; attempts: number };

function whyItFailed(source: DeadLetterSource, body: unknown, attribute: (name: string) => string | undefined): Reason {
  const tries = source.attempts ?? 1;
  // Put there by a consumer that could not use it (sqs-parking.ts, effect-consumer.ts, the forwarder).
  const parkedBecause = attribute('ParkedBecause');
  if (parkedBecause) return { error: source.kind === 'effect' ? 'UnreadableMessage' : 'Parked', cause: parkedBecause, attempts: 1 };
  // Put there by EventBridge, which could not deliver to a rule's target.
  const errorCode = attribute('ERROR_CODE');
  // RETRY_ATTEMPTS counts the retries: one try more than that.
  const retries = Number(attribute('RETRY_ATTEMPTS'));
  if (errorCode) return { error: errorCode, cause: attribute('ERROR_MESSAGE') ?? 'the bus could not deliver the event to its target', attempts: Number.isInteger(retries) ? retries + 1 : tries };
  // Put there by Lambda: a stream batch that failed past its retries (a pointer into the stream, not the events).
  const failure = body as { requestContext?: { condition?: string; approximateInvokeCount?: number }; responseContext?: { functionError?: string }; DDBStreamBatchInfo?: { shardId?: string; startSequenceNumber?: string; endSequenceNumber?: string } };
  if (source.kind === 'stream-batch' && typeof failure === 'object' && failure?.requestContext) {
    const batch = failure.DDBStreamBatchInfo;
    return {
      error: failure.responseContext?.functionError ?? failure.requestContext.condition ?? 'StreamBatchFailed',
      cause: `the stream records ${batch?.startSequenceNumber ?? '?'}–${batch?.endSequenceNumber ?? '?'} of shard ${batch?.shardId ?? '?'} failed every try (${failure.requestContext.condition ?? 'retries exhausted'}); rebuild the views from the events (npm run rebuild)`,
      attempts: failure.requestContext.approximateInvokeCount ?? tries,
    };
  }
  // Moved there by the queue's redrive policy: its consumer failed on it every time.
  return { error: 'RetriesExhausted', cause: `${source.source} failed on it ${tries} time(s); its own log lines say why (search by the message's correlation id)`, attempts: tries };
}

function shown(body: unknown): unknown {
  if (typeof body === 'string') return body.slice(0, MAX_TEXT);
  const safe = withheld(body);
  const json = JSON.stringify(safe);
  return json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN)}… (${json.length} characters; cut)` : safe;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A stored event, a bus event's detail, or a stream record's new image names its stream. */
function streamIdOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { streamId?: unknown; detail?: { streamId?: unknown }; dynamodb?: { NewImage?: { streamId?: { S?: unknown } } } };
  return b.streamId ?? b.detail?.streamId ?? b.dynamodb?.NewImage?.streamId?.S;
}
