import { Duration } from 'aws-cdk-lib';
import { Queue, type IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { acceptFinding } from './accepted-findings';

/** A dead-letter queue as every consumer here gets one: two weeks to look at a message, TLS only. */
export function deadLetterQueue(scope: Construct, id: string): Queue {
  const queue = new Queue(scope, id, { retentionPeriod: Duration.days(14), enforceSSL: true });
  acceptFinding(queue, 'deadLetterQueue');
  return queue;
}

/**
 * A part whose consumers leave what they cannot process in dead-letter queues. Each message there
 * waits for a person (`npm run redrive`), so lib/platform/monitoring.ts alarms on every one of these queues.
 */
export interface HasDeadLetterQueues {
  readonly deadLetterQueues: readonly IQueue[];
}
