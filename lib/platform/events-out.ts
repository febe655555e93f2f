import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue, type HasDeadLetterQueues } from './dead-letter-queue';
import { HandlerFunction } from './handler-function';
import { consumeEventStream } from './stream-consumer';
import { ENV } from '../../functions/platform/contract/environment';

export type EventsOutProps = {
  /** The context's events table: its stream is the outbox. */
  events: ITable;
  /** The platform's bus. */
  bus: IEventBus;
  /** The context's integration events (its `contract/published-events.ts`): only these go out. */
  published: readonly string[];
  /** The context's forwarder, relative to `functions/` (it reads events in the context's schemas). */
  entry: string;
};

/**
 * A context's integration events out: a stream consumer forwards each event of the context's
 * store that the context publishes to the platform's bus (the table is the outbox), source
 * `orderline.<aggregate>` and detail-type the event type. The stream's filter drops the rest
 * before Lambda is invoked. Consumers attach rules to the bus.
 */
export class EventsOut extends Construct implements HasDeadLetterQueues {
  readonly deadLetterQueue: Queue;
  readonly forwarder: HandlerFunction;

  constructor(scope: Construct, id: string, props: EventsOutProps) {
    super(scope, id);
    this.deadLetterQueue = deadLetterQueue(this, 'ForwarderDeadLetters', { kind: 'parked-event', source: 'ForwardEvents' });
    this.forwarder = new HandlerFunction(this, 'ForwardEvents', {
      entry: props.entry,
      description: 'Forwards every domain event to the EventBridge bus',
      environment: { [ENV.eventBusName]: props.bus.eventBusName, [ENV.parkedEventsQueueUrl]: this.deadLetterQueue.queueUrl },
      timeout: Duration.seconds(30),
    });
    props.bus.grantPutEventsTo(this.forwarder);
    // What can never go on the bus is parked, content and all, in the dead-letter queue.
    this.deadLetterQueue.grantSendMessages(this.forwarder);
    consumeEventStream({
      fn: this.forwarder,
      table: props.events,
      deadLetterQueue: this.deadLetterQueue,
      match: { eventTypes: [...props.published] },
      batchSize: 100,
      // The effects that must happen hang off the bus: an event is retried until the bus takes
      // it (or the stream drops it after 24 hours, which the reconciler covers), never dropped
      // after a few quick tries.
      retryAttempts: -1,
    });
  }

  get deadLetterQueues(): readonly Queue[] {
    return [this.deadLetterQueue];
  }
}
