import { SQSClient } from '@aws-sdk/client-sqs';
import { requireEnv } from '../config';
import type { EffectQueues } from './effect-consumer';
import { ENV } from '../contract/environment';

/** The effect's queue and dead-letter queue, as the stack names them in the environment. */
export function effectQueuesFromEnv(): EffectQueues {
  return { client: new SQSClient({}), queueUrl: requireEnv(ENV.effectQueueUrl), deadLetterQueueUrl: requireEnv(ENV.deadLetterQueueUrl) };
}
