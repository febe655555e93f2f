import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { deadLetterQueue, redrivesTo } from './dead-letter-queue';
import type { EventStore } from './event-store';
import { HandlerFunction } from './handler-function';
import type { StreamViews } from './stream-views';
import { grantTable, type TableAction } from './table-access';
import { parkedQueueVariable, type EnvName } from '../../functions/platform/contract/environment';

/** A projection's function timeout; its repair queue hides a message six times as long, as AWS advises for SQS event sources. */
export const PROJECTION_TIMEOUT = Duration.seconds(10);
/** Receives of a repair message before it goes back to the parked queue. */
const REPAIR_MAX_RECEIVES = 5;

/** A view's table: rebuildable from the events table, so not worth keeping on deletion. */
export function viewTable(scope: Construct, name: string, partitionKey: string, sortKey?: string, timeToLiveAttribute?: string): Table {
  return new Table(scope, name, {
    partitionKey: { name: partitionKey, type: AttributeType.STRING },
    sortKey: sortKey ? { name: sortKey, type: AttributeType.STRING } : undefined,
    billingMode: BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.DESTROY,
    timeToLiveAttribute,
  });
}

/** A projection's queues: `queue` takes repairs (what `npm run redrive` moves back), `parked` holds the events it could not apply. */
export type ProjectionRepairs = { id: string; queue: Queue; parked: Queue };

export type ProjectionProps = {
  id: string;
  /** Its repair function's handler, relative to `functions/`. */
  entry: string;
  description: string;
  /** The view it keeps, and the variable that names it to the functions. */
  table: Table;
  env: EnvName;
  /** What else it calls on its table besides GetItem: its writes, and BatchGetItem for a view that reads its rows a batch at a time. */
  writes: TableAction[];
  eventStore: EventStore;
  /** The context's views reader, which projects the view from the stream. */
  views: StreamViews;
};

/**
 * A view that heals a gap and redoes a repair from the events table, and parks what it cannot
 * apply: the context's views reader projects it from the stream and parks an event (content and
 * reason) in its parked queue (SendMessage only); `npm run redrive` moves it back to the repair
 * queue, which a function of its own consumes; a repair that keeps failing goes back to the
 * parked queue.
 */
export function versionedProjection(scope: Construct, props: ProjectionProps): ProjectionRepairs & { fn: HandlerFunction } {
  const fn = new HandlerFunction(scope, props.id, { entry: props.entry, description: props.description, timeout: PROJECTION_TIMEOUT });
  const actions: TableAction[] = ['GetItem', ...props.writes];
  grantTable(fn, props.table, actions);
  fn.addEnvironment(props.env, props.table.tableName);
  props.eventStore.bindRead(fn);
  const parked = deadLetterQueue(scope, `${props.id}Parked`, { kind: 'parked-event', source: props.id, attempts: REPAIR_MAX_RECEIVES });
  const queue = new Queue(scope, `${props.id}Repairs`, {
    retentionPeriod: Duration.days(14),
    visibilityTimeout: Duration.seconds(PROJECTION_TIMEOUT.toSeconds() * 6),
    enforceSSL: true,
    deadLetterQueue: { queue: parked, maxReceiveCount: REPAIR_MAX_RECEIVES },
  });
  redrivesTo(parked, queue);
  fn.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
  Grant.addToPrincipal({ grantee: fn, actions: ['sqs:SendMessage'], resourceArns: [parked.queueArn] });
  fn.addEnvironment(parkedQueueVariable(props.env), parked.queueUrl);
  props.views.keep(props.table, props.env, actions, parked);
  return { id: props.id, fn, queue, parked };
}
