import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition, type Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { acceptFinding } from './accepted-findings';

/** How often a failed stream batch is retried before it goes to the dead-letter queue, unless a consumer says otherwise. */
export const STREAM_RETRY_ATTEMPTS = 3;

/**
 * Subscribes a function to the events table's stream the way every consumer here should be:
 * partial batch failures reported, a failing batch bisected to isolate a poison record, bounded
 * retries, and what still fails sent to a dead-letter queue so the shard moves on.
 */
export function consumeEventStream(options: {
  fn: LambdaFunction;
  table: ITable;
  deadLetterQueue: IQueue;
  /**
   * What the consumer needs: some event types (a saga trigger), or whole streams by id prefix (a
   * view that checks versions must see every event of its streams, or it waits on a gap forever).
   */
  match: { eventTypes: string[] } | { streamPrefixes: string[] };
  batchSize?: number;
  /** Tries of a failing batch before it goes to the dead-letter queue; -1 retries until the records expire (24 h). Default 3. */
  retryAttempts?: number;
  /** A tumbling window: Lambda carries the function's state between a shard's invocations and ends each window with a final one. */
  tumblingWindow?: Duration;
}): void {
  const { fn, table, deadLetterQueue, match } = options;
  const recordFilter =
    'eventTypes' in match
      ? { NewImage: { type: { S: FilterRule.or(...match.eventTypes) } } }
      : { Keys: { streamId: { S: match.streamPrefixes.flatMap((prefix) => FilterRule.beginsWith(prefix)) } } };
  fn.addEventSource(
    new DynamoEventSource(table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: options.batchSize ?? 100,
      maxBatchingWindow: Duration.seconds(0),
      bisectBatchOnError: true,
      retryAttempts: options.retryAttempts ?? STREAM_RETRY_ATTEMPTS,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(deadLetterQueue),
      filters: [FilterCriteria.filter({ eventName: FilterRule.isEqual('INSERT'), dynamodb: recordFilter })],
      ...(options.tumblingWindow ? { tumblingWindow: options.tumblingWindow } : {}),
    }),
  );
  if (fn.role) acceptFinding(fn.role, 'listStreams');
}
