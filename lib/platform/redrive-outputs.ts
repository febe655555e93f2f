import { CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DurableEffect } from './durable-effect';
import type { ProjectionRepairs } from './projection';

/**
 * What `npm run redrive` moves, as stack outputs: each dead-letter queue (`<id>DeadLetterQueueUrl`)
 * back to the queue it came from (`<id>QueueUrl`), for every projection's repairs and every durable effect.
 */
export function redriveOutputs(scope: Construct, repairs: readonly ProjectionRepairs[], effects: readonly DurableEffect[]): void {
  for (const { id, queue, parked } of repairs) {
    new CfnOutput(scope, `${id}QueueUrl`, { value: queue.queueUrl });
    new CfnOutput(scope, `${id}DeadLetterQueueUrl`, { value: parked.queueUrl });
  }
  for (const effect of effects) {
    new CfnOutput(scope, `${effect.node.id}QueueUrl`, { value: effect.queue.queueUrl });
    new CfnOutput(scope, `${effect.node.id}DeadLetterQueueUrl`, { value: effect.deadLetterQueue.queueUrl });
  }
}
