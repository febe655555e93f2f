import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventStore } from './event-store';
import { HandlerFunction } from './handler-function';
import { consumeEventStream } from './stream-consumer';
import { grantTable, type TableAction } from './table-access';
import { parkedQueueVariable, type EnvName } from '../../functions/platform/contract/environment';
import { streamPrefix } from '../../functions/platform/domain/streams';

/** The views reader's timeout: a batch of up to 100 events, each into every view that takes it. */
const VIEWS_TIMEOUT = Duration.seconds(30);
/**
 * The views reader's tumbling window: the store figures are tallied in the window's state and
 * written once a window per shard (about 4 write units) instead of once a batch; GET /stats shows
 * them up to this much later.
 */
export const VIEWS_WINDOW = Duration.seconds(10);

export type StreamViewsProps = {
  /** Its handler, relative to `functions/`: the context's fan-out over its views. */
  entry: string;
  eventStore: EventStore;
  /** The context's aggregates: every event of their streams reaches the views (the store figures count them all). */
  aggregates: readonly string[];
  /** Where the stream puts the position of a record that failed for a transient reason past its retries. */
  deadLetterQueue: IQueue;
};

/**
 * A context's one views reader of its events table's stream (DynamoDB Streams lets two readers
 * take a shard at a time; the other is the forwarder to the bus). Its function keeps every view
 * of the context, each bound to it by {@link StreamViews.keep} with the grants that view needs;
 * it reads the events table to heal a gap.
 */
export class StreamViews extends Construct {
  readonly fn: HandlerFunction;

  constructor(scope: Construct, id: string, props: StreamViewsProps) {
    super(scope, id);
    this.fn = new HandlerFunction(this, 'ProjectViews', { entry: props.entry, description: "Keeps the context's views from its events stream", timeout: VIEWS_TIMEOUT });
    props.eventStore.bindRead(this.fn);
    consumeEventStream({ fn: this.fn, table: props.eventStore.table, deadLetterQueue: props.deadLetterQueue, match: { streamPrefixes: props.aggregates.map(streamPrefix) }, tumblingWindow: VIEWS_WINDOW });
  }

  /** Lets the reader keep a view: these actions on its table, named by `env`; and its parked queue, if it parks poison. */
  keep(table: ITable, env: EnvName, actions: TableAction[], parked?: IQueue): void {
    grantTable(this.fn, table, actions);
    this.fn.addEnvironment(env, table.tableName);
    if (!parked) return;
    Grant.addToPrincipal({ grantee: this.fn, actions: ['sqs:SendMessage'], resourceArns: [parked.queueArn] });
    this.fn.addEnvironment(parkedQueueVariable(env), parked.queueUrl);
  }
}
