import { Duration, Stack } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  Stats,
  TreatMissingData,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { CfnEventSourceMapping, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';
import { METRIC_DIMENSIONS, METRICS, METRICS_NAMESPACE, METRICS_SERVICE, type MetricDimension, type MetricName } from '../../functions/platform/observability/metric-names';
import type { HasDeadLetterQueues } from './dead-letter-queue';

/** What most alarms sum or take the maximum over, and the dashboard's default resolution. */
export const ALARM_PERIOD = Duration.minutes(5);
/** Failed sagas are rarer than errors: a longer window gathers a pattern rather than one order. */
export const SAGA_ALARM_PERIOD = Duration.minutes(15);

/** A message in a dead-letter queue waits for a person (`npm run redrive`): one is enough. */
export const DEAD_LETTER_MESSAGES_THRESHOLD = 1;
/**
 * Saga executions that failed (any Fail state, CompensationFailed included), timed out or were
 * aborted, per {@link SAGA_ALARM_PERIOD}: one is enough, since each may leave work undone (stock
 * held, a source debited) for a person or the reconciler.
 */
export const FAILED_EXECUTIONS_THRESHOLD = 1;
/**
 * How long a message may wait in a work queue (a saga start, an effect, a repair) before someone
 * should look: its effect takes seconds, so a message this old has failed again and again, long
 * before its retries run out and the dead-letter queue's alarm would see it.
 */
export const WORK_QUEUE_AGE_THRESHOLD = Duration.minutes(5);
/** A compensation that failed past its retries leaves money or stock wrong: one is enough. */
export const COMPENSATION_FAILED_THRESHOLD = 1;
/** A dead letter taken into the operator's inbox: one needs a person. */
export const INBOX_ITEMS_OPENED_THRESHOLD = 1;
/** How far behind the events table's stream a consumer may fall (Lambda IteratorAge, maximum). */
export const ITERATOR_AGE_THRESHOLD = Duration.minutes(1);
/** Percentage of HTTP API requests answered 5xx; the API turns bad input into 4xx, so 5xx are ours. */
export const API_5XX_PERCENT_THRESHOLD = 1;
/** Fewer 5xx than this in a period are not a rate (one crash at night is the function's Errors alarm). */
export const API_5XX_MINIMUM = 3;
/** Unhandled errors of a function: expected failures are results here (problems, batch item failures). */
export const FUNCTION_ERRORS_THRESHOLD = 1;
/**
 * Throttled invocations, of any function: there is no reserved concurrency, so a throttle is the
 * account's limit, and one alarm on the account's Throttles says so (one per function would cost
 * a resource each, of CloudFormation's 500 per stack, to say the same thing).
 */
export const FUNCTION_THROTTLES_THRESHOLD = 1;

/** A saga as monitoring watches it: its state machine, and the Task functions that throw on purpose. */
export type WatchedSaga = {
  /** As a person names it: `order saga`. */
  name: string;
  stateMachine: StateMachine;
  /** Its Task functions: their Lambda error count is control flow, not an alarm; the saga's outcomes are. */
  taskFunctions: readonly IConstruct[];
  /** Where a person sees one execution (GET /orders/{id}/saga…). */
  inspect: string;
};

/** An alarm of a stack's own, on any metric. */
export type AlarmSpec = { id: string; name: string; description: string; metric: IMetric; threshold: number };

export type MonitoringProps = {
  /** The dashboard's name, `Orderline-<stage>-<Context>`. */
  dashboardName: string;
  /** The platform's alarm topic: every alarm notifies it. */
  topic: ITopic;
  /** The stack's sagas: their failed executions are alarmed, their Tasks' errors are not. */
  sagas?: readonly WatchedSaga[];
  /** Every part that owns dead-letter queues: each queue gets an alarm. */
  deadLetters?: readonly HasDeadLetterQueues[];
  /** Alarms of the stack's own (a business metric, the API's 5xx rate…). */
  alarms?: (monitoring: Monitoring) => AlarmSpec[];
  /** Rows of the stack's own widgets, above the ones every stack gets. */
  widgets?: IWidget[][];
};

/**
 * Alarms on what needs a person, all to the platform's one SNS topic, and a dashboard of the
 * stack: one Monitoring per stack, created last. It watches every Lambda function of its stack,
 * found in the construct tree so that a new function is watched without anyone listing it (synth
 * fails if one is created after it): each function's errors (but the sagas' Tasks', which throw on
 * purpose), each stream consumer's iterator age, each dead-letter queue, each work queue's oldest
 * message, and each saga's failed, timed-out and aborted executions, plus the stack's own alarms.
 *
 * One alarm per function for Errors, not one over all functions: an alarm on a metric math
 * expression may use at most 10 metrics, and an alarm that names the failing function is what a
 * person needs first. Every alarm treats missing data as not breaching (no traffic is no problem)
 * and tells the topic both when it fires and when it recovers.
 */
export class Monitoring extends Construct {
  readonly topic: ITopic;
  readonly dashboard: Dashboard;
  /** Every alarm; each one notifies {@link topic}. */
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = props.topic;
    const functions = this.everyFunction();
    // A stream event source has a starting position; a queue's has none.
    const streamConsumers = functions.filter((fn) => fn.node.findAll().some((c) => c instanceof CfnEventSourceMapping && c.startingPosition !== undefined));
    const deadLetterQueues = (props.deadLetters ?? []).flatMap((part) => part.deadLetterQueues);
    const sagas = props.sagas ?? [];

    const needsAPerson = [
      ...deadLetterQueues.map((queue) =>
        this.alarm({
          id: `DeadLetters${logicalPart(queue)}`,
          name: `dead letters in ${label(queue)}`,
          description: `A message waits in the dead-letter queue ${label(queue)}, which the context's InboxIntake function empties into the operator's inbox at once: if this stays raised, the intake is failing (its errors alarm and log group say why). Each message becomes an item: GET /inbox, npm run inbox -- list, or the console's /_console/inbox (README: The operator's inbox).`,
          metric: queue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: Stats.MAXIMUM }),
          threshold: DEAD_LETTER_MESSAGES_THRESHOLD,
        }),
      ),
      ...sagas.flatMap((saga) =>
        (
          [
            ['Failed', 'failed', saga.stateMachine.metricFailed({ period: SAGA_ALARM_PERIOD, statistic: Stats.SUM })],
            ['TimedOut', 'timed out', saga.stateMachine.metricTimedOut({ period: SAGA_ALARM_PERIOD, statistic: Stats.SUM })],
            ['Aborted', 'aborted', saga.stateMachine.metricAborted({ period: SAGA_ALARM_PERIOD, statistic: Stats.SUM })],
          ] as const
        ).map(([id, how, metric]) =>
          this.alarm({
            id: `${logicalPart(saga.stateMachine)}${id}Executions`,
            name: `${saga.name} executions ${how}`,
            description: `A ${saga.name} execution ${how} in the last ${SAGA_ALARM_PERIOD.toMinutes()} minutes and may have left work undone (${saga.inspect} shows each one); npm run reconcile repairs what it can, and a failed compensation is in the operator's inbox (GET /inbox?kind=compensation) to retry or resolve.`,
            metric,
            threshold: FAILED_EXECUTIONS_THRESHOLD,
          }),
        ),
      ),
      ...this.workQueues().map((queue) =>
        this.alarm({
          id: `OldestMessage${logicalPart(queue)}`,
          name: `${label(queue)} stuck`,
          description: `A message has waited more than ${WORK_QUEUE_AGE_THRESHOLD.toMinutes()} minutes in the work queue ${label(queue)}: its effect keeps failing (the consuming function's errors and log say why), long before it would reach the dead-letter queue and the operator's inbox.`,
          metric: queue.metricApproximateAgeOfOldestMessage({ period: ALARM_PERIOD, statistic: Stats.MAXIMUM }),
          threshold: WORK_QUEUE_AGE_THRESHOLD.toSeconds(),
        }),
      ),
      ...(props.alarms?.(this) ?? []).map((spec) => this.alarm(spec)),
      ...streamConsumers.map((fn) =>
        this.alarm({
          id: `IteratorAge${logicalPart(fn)}`,
          name: `${label(fn)} behind the event stream`,
          description: `${label(fn)} is more than ${ITERATOR_AGE_THRESHOLD.toSeconds()} s behind the events table's stream (records expire after 24 hours).`,
          metric: fn.metric('IteratorAge', { period: ALARM_PERIOD, statistic: Stats.MAXIMUM }),
          threshold: ITERATOR_AGE_THRESHOLD.toMilliseconds(),
        }),
      ),
    ];

    const sagaTasks = new Set<IConstruct>(sagas.flatMap((saga) => saga.taskFunctions));
    for (const fn of functions) {
      if (!sagaTasks.has(fn)) {
        this.alarm({
          id: `Errors${logicalPart(fn)}`,
          name: `${label(fn)} errors`,
          description: `${label(fn)} failed with an unhandled error or a timeout (its log group has the details).`,
          metric: fn.metricErrors({ period: ALARM_PERIOD, statistic: Stats.SUM }),
          threshold: FUNCTION_ERRORS_THRESHOLD,
        });
      }
    }

    const sagaWidgets = sagas.map((saga) =>
      graph(`${saga.name} executions`, [
        saga.stateMachine.metricSucceeded({ period: ALARM_PERIOD, statistic: Stats.SUM, label: 'Succeeded' }),
        saga.stateMachine.metricFailed({ period: ALARM_PERIOD, statistic: Stats.SUM, label: 'Failed' }),
        saga.stateMachine.metricTimedOut({ period: ALARM_PERIOD, statistic: Stats.SUM, label: 'Timed out' }),
      ]),
    );
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(3),
      widgets: [
        ...(props.widgets ?? []),
        ...(sagaWidgets.length ? [sagaWidgets] : []),
        [
          graph('Stream iterator age (ms, maximum)', streamConsumers.map((fn) => fn.metric('IteratorAge', { period: ALARM_PERIOD, statistic: Stats.MAXIMUM, label: label(fn) }))),
          graph('Dead-letter queue depths', deadLetterQueues.map((q) => q.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: Stats.MAXIMUM, label: label(q) }))),
          new AlarmStatusWidget({ title: 'Needs a person', alarms: needsAPerson, width: 8, height: 6 }),
        ],
        [
          graph('Lambda errors', functions.map((fn) => fn.metricErrors({ period: ALARM_PERIOD, statistic: Stats.SUM, label: label(fn) })), 12),
          graph('Lambda throttles', functions.map((fn) => fn.metricThrottles({ period: ALARM_PERIOD, statistic: Stats.SUM, label: label(fn) })), 12),
        ],
      ],
    });
  }

  /** Every queue of the stack that hands its failures to a dead-letter queue: the queues work waits in. */
  private workQueues(): Queue[] {
    return Stack.of(this)
      .node.findAll()
      .filter((c): c is Queue => c instanceof Queue && c.deadLetterQueue !== undefined);
  }

  /** Every Lambda function of the stack so far; synth fails if one is created after this. */
  private everyFunction(): LambdaFunction[] {
    const stack = Stack.of(this);
    const functions = stack.node.findAll().filter((c): c is LambdaFunction => c instanceof LambdaFunction);
    this.node.addValidation({
      validate: () =>
        stack.node
          .findAll()
          .filter((c) => c instanceof LambdaFunction && !functions.includes(c))
          .map((c) => `${c.node.path} was created after Monitoring, which does not watch it: create Monitoring last`),
    });
    return functions;
  }

  private alarm(spec: AlarmSpec): Alarm {
    const alarm = new Alarm(this, spec.id, {
      alarmName: `${Stack.of(this).stackName} ${spec.name}`,
      alarmDescription: spec.description,
      metric: spec.metric,
      threshold: spec.threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const notify = new SnsAction(this.topic);
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
    this.alarms.push(alarm);
    return alarm;
  }
}

type BusinessMetric = (typeof METRICS)[MetricName];
/** A business metric emitted with one dimension besides `service`. */
type ByOneDimension = Extract<BusinessMetric, { dimensions: readonly [MetricDimension] }>;

/** A business metric without dimensions of its own, as the functions emit it: `service` only. */
export function businessMetric(metric: Extract<BusinessMetric, { dimensions: readonly [] }>, statistic: string, period = ALARM_PERIOD): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: metric.name,
    dimensionsMap: { [METRIC_DIMENSIONS.service]: METRICS_SERVICE },
    statistic,
    period,
  });
}

/** One line per value of the metric's dimension: a search, since the values are only known at run time. */
export function byDimension(metric: ByOneDimension, statistic: string): MathExpression {
  return new MathExpression({ expression: searchOf(metric, statistic), usingMetrics: {}, period: ALARM_PERIOD });
}

/** The metric summed over every value of its dimension. */
export function totalOf(metric: ByOneDimension): MathExpression {
  return new MathExpression({ expression: `SUM(${searchOf(metric, Stats.SUM)})`, usingMetrics: {}, period: ALARM_PERIOD, label: metric.name });
}

function searchOf(metric: ByOneDimension, statistic: string): string {
  const [dimension] = metric.dimensions;
  const schema = `{${METRICS_NAMESPACE},${METRIC_DIMENSIONS.service},${METRIC_DIMENSIONS[dimension]}}`;
  return `SEARCH('${schema} MetricName="${metric.name}" ${METRIC_DIMENSIONS.service}="${METRICS_SERVICE}"', '${statistic}', ${ALARM_PERIOD.toSeconds()})`;
}

export function graph(title: string, metrics: IMetric[], width = 8): IWidget {
  return new GraphWidget({ title, left: metrics, width, height: 6 });
}

/** A construct's path below its stack, as a person reads it: `ReadModels/ProjectOrders`. */
function label(construct: IConstruct): string {
  return construct.node.path.slice(Stack.of(construct).node.path.length + 1);
}

/** The same path, as part of a construct id. */
function logicalPart(construct: IConstruct): string {
  return label(construct).replace(/[^A-Za-z0-9]/g, '');
}
