import { Duration } from 'aws-cdk-lib';
import { Rule, type EventPattern, type IEventBus } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue, redrivesTo } from './dead-letter-queue';
import { HandlerFunction, type HandlerFunctionProps } from './handler-function';
import { ENV } from '../../functions/platform/contract/environment';

/** How often a message may come back before it is given up to the dead-letter queue: with retries backing off to 15 minutes, days of outage. */
export const EFFECT_MAX_RECEIVES = 1000;
/** An effect's function timeout; the queue hides a message six times as long, as AWS advises for SQS event sources. */
const EFFECT_TIMEOUT = Duration.seconds(10);

export type DurableEffectProps = {
  bus: IEventBus;
  /** The domain events that need this effect (matched on the bus). */
  pattern: EventPattern;
  /** The function that does the work; it must be idempotent. */
  handler: Omit<HandlerFunctionProps, 'timeout'>;
};

/**
 * An effect that must happen whatever is down when its event occurs: a bus rule puts the event
 * itself on a queue (retention 14 days), a function works the queue (partial batch failures;
 * failed messages come back with jittered backoff, see functions/platform/effects/effect-consumer.ts),
 * and what still fails after {@link EFFECT_MAX_RECEIVES} tries — or cannot be delivered by the
 * rule, or cannot be read — waits in a dead-letter queue, event and all, for `npm run redrive`.
 */
export class DurableEffect extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly fn: HandlerFunction;

  constructor(scope: Construct, id: string, props: DurableEffectProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this, 'DeadLetters', { kind: 'effect', source: id, attempts: EFFECT_MAX_RECEIVES });
    this.queue = new Queue(this, 'Queue', {
      retentionPeriod: Duration.days(14),
      visibilityTimeout: Duration.seconds(EFFECT_TIMEOUT.toSeconds() * 6),
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: EFFECT_MAX_RECEIVES },
    });
    redrivesTo(this.deadLetterQueue, this.queue);
    new Rule(this, 'Rule', {
      eventBus: props.bus,
      description: `Queues the events ${id} must act on`,
      eventPattern: props.pattern,
      targets: [new SqsQueue(this.queue, { deadLetterQueue: this.deadLetterQueue, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
    });
    this.fn = new HandlerFunction(this, 'Handler', {
      ...props.handler,
      timeout: EFFECT_TIMEOUT,
      environment: { ...props.handler.environment, [ENV.effectQueueUrl]: this.queue.queueUrl, [ENV.deadLetterQueueUrl]: this.deadLetterQueue.queueUrl },
    });
    this.fn.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }));
    // Unreadable messages are parked by the function itself.
    this.deadLetterQueue.grantSendMessages(this.fn);
  }
}
