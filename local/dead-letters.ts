import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stringAttributes, type MessageAttributes } from './sqs/message-attributes';

/** What an event source mapping sends to its on-failure destination, in the shape AWS uses. */
export type FailureRecord = {
  requestContext: { requestId: string; functionArn: string; condition: string; approximateInvokeCount: number };
  responseContext: { statusCode: number; functionError: string };
  version: '1.0';
  timestamp: string;
  DDBStreamBatchInfo: { shardId: string; startSequenceNumber: string; endSequenceNumber: string; batchSize: number; streamArn: string };
};

/**
 * What reaches a dead-letter destination: the message (its body, and its String message attributes
 * when the sender gives some) goes to the local SQS queue of that ARN (where a redrive can take it
 * back), and is also appended, one JSON per line, to `.local/dead-letters/<queue>.jsonl` for a
 * person to read: the body, or `{ attributes, body }` when there are attributes.
 */
export class LocalDeadLetters {
  constructor(
    private readonly directory: string,
    private readonly log: (line: string) => void,
    private readonly enqueue: (queueArn: string, body: string, attributes: MessageAttributes) => void = () => undefined,
  ) {
    // Dead letters point into the in-memory database of the last run, which is gone: start clean.
    rmSync(directory, { recursive: true, force: true });
  }

  send(queueArn: string, body: FailureRecord | Record<string, unknown>, attributes: Record<string, string> = {}): void {
    const queue = queueArn.split(':').at(-1) ?? queueArn;
    mkdirSync(this.directory, { recursive: true });
    const file = join(this.directory, `${queue}.jsonl`);
    appendFileSync(file, `${JSON.stringify(Object.keys(attributes).length ? { attributes, body } : body)}\n`);
    this.enqueue(queueArn, JSON.stringify(body), stringAttributes(attributes));
    this.log(`dead letter on ${queue} → ${file}`);
  }
}
