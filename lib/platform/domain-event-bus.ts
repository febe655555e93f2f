import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { deadLetterQueue, type HasDeadLetterQueues } from './dead-letter-queue';
import { Construct } from 'constructs';
import { HandlerFunction } from './handler-function';
import { consumeEventStream } from './stream-consumer';
import { ENV } from '../../functions/platform/contract/environment';
import { AGGREGATES, streamPrefix } from '../../functions/platform/domain/streams';

export type DomainEventBusProps = {
  events: ITable;
  /** The bus name; `orderline` unless several stages share an account and region. */
  busName: string;
};

/**
 * Domain events out: a stream consumer forwards every event of the store to the bus (the table
 * is the outbox), source `orderline.<aggregate>` and detail-type the event type. Consumers
 * attach rules to `bus`.
 */
export class DomainEventBus extends Construct implements HasDeadLetterQueues {
  readonly bus: EventBus;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: DomainEventBusProps) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { eventBusName: props.busName });
    this.deadLetterQueue = deadLetterQueue(this, 'ForwarderDeadLetters');
    const forwarder = new HandlerFunction(this, 'ForwardEvents', {
      entry: 'platform/events-out/forward-events.ts',
      description: 'Forwards every domain event to the EventBridge bus',
      environment: { [ENV.eventBusName]: this.bus.eventBusName, [ENV.parkedEventsQueueUrl]: this.deadLetterQueue.queueUrl },
      timeout: Duration.seconds(30),
    });
    this.bus.grantPutEventsTo(forwarder);
    // What can never go on the bus is parked, content and all, in the dead-letter queue.
    this.deadLetterQueue.grantSendMessages(forwarder);
    consumeEventStream({
      fn: forwarder,
      table: props.events,
      deadLetterQueue: this.deadLetterQueue,
      match: { streamPrefixes: AGGREGATES.map(streamPrefix) },
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
