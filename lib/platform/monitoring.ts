import { Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
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
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct, type IConstruct } from 'constructs';
import { METRIC_DIMENSIONS, METRICS, METRICS_NAMESPACE, METRICS_SERVICE, type MetricDimension, type MetricName } from '../../functions/platform/observability/metric-names';
import type { HasDeadLetterQueues } from './dead-letter-queue';
import type { OrderSaga } from '../orders/order-saga';
import type { TransferSaga } from '../bank/transfer-saga';

/** What most alarms sum or take the maximum over, and the dashboard's default resolution. */
export const ALARM_PERIOD = Duration.minutes(5);
/** Failed sagas are rarer than errors: a longer window gathers a pattern rather than one order. */
export const SAGA_ALARM_PERIOD = Duration.minutes(15);

/** A message in a dead-letter queue waits for a person (`npm run redrive`): one is enough. */
export const DEAD_LETTER_MESSAGES_THRESHOLD = 1;
/** Failed saga executions (any Fail state, CompensationFailed included) per {@link SAGA_ALARM_PERIOD}. */
export const FAILED_EXECUTIONS_THRESHOLD = 5;
/** Orders lost to a technical failure (CancelledAfterFailure) per {@link SAGA_ALARM_PERIOD}: a dependency is down. */
export const CANCELLED_AFTER_FAILURE_THRESHOLD = 3;
/** A compensation that failed past its retries leaves money or stock wrong: one is enough. */
export const COMPENSATION_FAILED_THRESHOLD = 1;
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

export type MonitoringProps = {
  /** The stage: names the dashboard `Orderline-<stage>` and the topic. */
  stage: string;
  /** Where the alarm topic e-mails (`-c alarmEmail=…`; the address must confirm). Without it the topic has no subscriber. */
  alarmEmail?: string;
  /** The order saga: its failed executions; and its Task functions, whose thrown errors are its control flow. */
  saga: OrderSaga;
  /** The transfer saga, watched the same way. */
  transferSaga: TransferSaga;
  /** The HTTP API: its 5xx rate. */
  api: IHttpApi;
  /** Every part that owns dead-letter queues: each queue gets an alarm. */
  deadLetters: readonly HasDeadLetterQueues[];
};

/**
 * Alarms on what needs a person, all to one SNS topic, and a dashboard (`Orderline-<stage>`) with
 * the business metrics (functions/observability/metric-names.ts), the saga's outcomes, lag and
 * errors. It watches every Lambda function of the stack, found in the construct tree so that a
 * new function is watched without anyone listing it: create it last (synth fails otherwise).
 *
 * One alarm per function for Errors and one for Throttles, not one over all functions: an alarm on
 * a metric math expression may use at most 10 metrics, and an alarm that names the failing
 * function is what a person needs first. Every alarm treats missing data as not breaching (no
 * traffic is no problem) and tells the topic both when it fires and when it recovers.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  /** Every alarm; each one notifies {@link topic}. */
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'AlarmTopic', { displayName: `Orderline ${props.stage} alarms`, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const functions = this.everyFunction();
    // A stream event source has a starting position; a queue's has none.
    const streamConsumers = functions.filter((fn) => fn.node.findAll().some((c) => c instanceof CfnEventSourceMapping && c.startingPosition !== undefined));
    const deadLetterQueues = props.deadLetters.flatMap((part) => part.deadLetterQueues);
    const { stateMachine } = props.saga;

    const needsAPerson = [
      ...deadLetterQueues.map((queue) =>
        this.alarm(`DeadLetters${logicalPart(queue)}`, {
          name: `dead letters in ${label(queue)}`,
          description: `A message waits in the dead-letter queue ${label(queue)}: find out why, mend it, then npm run redrive (README: Nothing lost).`,
          metric: queue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: Stats.MAXIMUM }),
          threshold: DEAD_LETTER_MESSAGES_THRESHOLD,
        }),
      ),
      this.alarm('SagaFailedExecutions', {
        name: 'order saga executions failing',
        description: `At least ${FAILED_EXECUTIONS_THRESHOLD} order saga executions failed in ${SAGA_ALARM_PERIOD.toMinutes()} minutes (GET /orders/{id}/saga shows each one).`,
        metric: stateMachine.metricFailed({ period: SAGA_ALARM_PERIOD, statistic: Stats.SUM }),
        threshold: FAILED_EXECUTIONS_THRESHOLD,
      }),
      this.alarm('TransferSagaFailedExecutions', {
        name: 'transfer saga executions failing',
        description: `At least ${FAILED_EXECUTIONS_THRESHOLD} transfer saga executions failed in ${SAGA_ALARM_PERIOD.toMinutes()} minutes (GET /transfers/{id} shows each one, as an admin).`,
        metric: props.transferSaga.stateMachine.metricFailed({ period: SAGA_ALARM_PERIOD, statistic: Stats.SUM }),
        threshold: FAILED_EXECUTIONS_THRESHOLD,
      }),
      this.alarm('CancelledAfterFailure', {
        name: 'orders cancelled after a failure',
        description: `At least ${CANCELLED_AFTER_FAILURE_THRESHOLD} orders were cancelled after a technical failure in ${SAGA_ALARM_PERIOD.toMinutes()} minutes: a dependency (payment gateway, a table) is likely down.`,
        metric: businessMetric(METRICS.CancelledAfterFailure, Stats.SUM, SAGA_ALARM_PERIOD),
        threshold: CANCELLED_AFTER_FAILURE_THRESHOLD,
      }),
      this.alarm('CompensationFailed', {
        name: 'saga compensation failed',
        description: 'A saga compensation failed past its retries: an order has money or stock, or a transfer has money, to put right by hand (the saga failures and transfer failures tables).',
        metric: businessMetric(METRICS.CompensationFailed, Stats.SUM),
        threshold: COMPENSATION_FAILED_THRESHOLD,
      }),
      ...streamConsumers.map((fn) =>
        this.alarm(`IteratorAge${logicalPart(fn)}`, {
          name: `${label(fn)} behind the event stream`,
          description: `${label(fn)} is more than ${ITERATOR_AGE_THRESHOLD.toSeconds()} s behind the events table's stream (records expire after 24 hours).`,
          metric: fn.metric('IteratorAge', { period: ALARM_PERIOD, statistic: Stats.MAXIMUM }),
          threshold: ITERATOR_AGE_THRESHOLD.toMilliseconds(),
        }),
      ),
      this.alarm('Api5xxRate', {
        name: 'HTTP API 5xx rate',
        description: `At least ${API_5XX_PERCENT_THRESHOLD}% of HTTP API requests (and ${API_5XX_MINIMUM} or more) were answered 5xx in ${ALARM_PERIOD.toMinutes()} minutes.`,
        // A rate, not a count, so that the threshold means the same at any traffic. HTTP APIs
        // publish `5xx` and `Count` per ApiId (REST APIs' 5XXError does not exist here).
        metric: new MathExpression({
          expression: `IF(serverErrors >= ${API_5XX_MINIMUM}, 100 * serverErrors / requests, 0)`,
          usingMetrics: { serverErrors: props.api.metricServerError({ period: ALARM_PERIOD, statistic: Stats.SUM }), requests: props.api.metricCount({ period: ALARM_PERIOD, statistic: Stats.SUM }) },
          period: ALARM_PERIOD,
          label: 'HTTP API 5xx (% of requests)',
        }),
        threshold: API_5XX_PERCENT_THRESHOLD,
      }),
    ];

    const sagaTasks = new Set<IConstruct>([...props.saga.taskFunctions, ...props.transferSaga.taskFunctions]);
    for (const fn of functions) {
      if (!sagaTasks.has(fn)) {
        this.alarm(`Errors${logicalPart(fn)}`, {
          name: `${label(fn)} errors`,
          description: `${label(fn)} failed with an unhandled error or a timeout (its log group has the details).`,
          metric: fn.metricErrors({ period: ALARM_PERIOD, statistic: Stats.SUM }),
          threshold: FUNCTION_ERRORS_THRESHOLD,
        });
      }
    }
    this.alarm('LambdaThrottles', {
      name: 'Lambda throttled',
      description: "A function was throttled: the account's Lambda concurrency is used up (the dashboard's functions graph shows which; AWS/Lambda Throttles by FunctionName).",
      metric: new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', period: ALARM_PERIOD, statistic: Stats.SUM }),
      threshold: FUNCTION_THROTTLES_THRESHOLD,
    });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `Orderline-${props.stage}`,
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          graph('Orders', [
            businessMetric(METRICS.OrdersPlaced, Stats.SUM),
            businessMetric(METRICS.OrdersConfirmed, Stats.SUM),
            totalOf(METRICS.OrdersRejected),
            totalOf(METRICS.OrdersCancelled),
          ]),
          graph('Orders rejected, by reason', [byDimension(METRICS.OrdersRejected, Stats.SUM)]),
          graph('Orders cancelled, by whom', [byDimension(METRICS.OrdersCancelled, Stats.SUM)]),
        ],
        [
          graph('Saga executions', [
            stateMachine.metricSucceeded({ period: ALARM_PERIOD, statistic: Stats.SUM, label: 'Succeeded (confirmed or rejected)' }),
            stateMachine.metricFailed({ period: ALARM_PERIOD, statistic: Stats.SUM, label: 'Failed' }),
            stateMachine.metricTimedOut({ period: ALARM_PERIOD, statistic: Stats.SUM, label: 'Timed out' }),
          ]),
          graph('Saga failures', [METRICS.CancelledAfterFailure, METRICS.CompensationFailed, METRICS.PaymentsDeclined].map((metric) => businessMetric(metric, Stats.SUM))),
          graph('Saga compensations, by step', [byDimension(METRICS.SagaCompensations, Stats.SUM)]),
          graph('Transfer saga executions', [
            props.transferSaga.stateMachine.metricSucceeded({ period: ALARM_PERIOD, statistic: Stats.SUM, label: 'Succeeded (completed or rejected)' }),
            props.transferSaga.stateMachine.metricFailed({ period: ALARM_PERIOD, statistic: Stats.SUM, label: 'Failed' }),
            props.transferSaga.stateMachine.metricTimedOut({ period: ALARM_PERIOD, statistic: Stats.SUM, label: 'Timed out' }),
          ]),
        ],
        [
          graph('Projection lag (ms, maximum)', [byDimension(METRICS.ProjectionLag, Stats.MAXIMUM)]),
          graph('Place to confirmed (ms)', [Stats.p(50), Stats.p(90), Stats.p(99)].map((statistic) => businessMetric(METRICS.PlaceToConfirmedLatency, statistic).with({ label: statistic }))),
          graph('Stream iterator age (ms, maximum)', streamConsumers.map((fn) => fn.metric('IteratorAge', { period: ALARM_PERIOD, statistic: Stats.MAXIMUM, label: label(fn) }))),
        ],
        [
          graph('HTTP API', [
            props.api.metricCount({ period: ALARM_PERIOD, statistic: Stats.SUM, label: 'Requests' }),
            props.api.metricClientError({ period: ALARM_PERIOD, statistic: Stats.SUM, label: '4xx' }),
            props.api.metricServerError({ period: ALARM_PERIOD, statistic: Stats.SUM, label: '5xx' }),
          ]),
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

  private alarm(id: string, options: { name: string; description: string; metric: IMetric; threshold: number }): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName: `${Stack.of(this).stackName} ${options.name}`,
      alarmDescription: options.description,
      metric: options.metric,
      threshold: options.threshold,
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
function businessMetric(metric: Extract<BusinessMetric, { dimensions: readonly [] }>, statistic: string, period = ALARM_PERIOD): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: metric.name,
    dimensionsMap: { [METRIC_DIMENSIONS.service]: METRICS_SERVICE },
    statistic,
    period,
  });
}

/** One line per value of the metric's dimension: a search, since the values are only known at run time. */
function byDimension(metric: ByOneDimension, statistic: string): MathExpression {
  return new MathExpression({ expression: searchOf(metric, statistic), usingMetrics: {}, period: ALARM_PERIOD });
}

/** The metric summed over every value of its dimension. */
function totalOf(metric: ByOneDimension): MathExpression {
  return new MathExpression({ expression: `SUM(${searchOf(metric, Stats.SUM)})`, usingMetrics: {}, period: ALARM_PERIOD, label: metric.name });
}

function searchOf(metric: ByOneDimension, statistic: string): string {
  const [dimension] = metric.dimensions;
  const schema = `{${METRICS_NAMESPACE},${METRIC_DIMENSIONS.service},${METRIC_DIMENSIONS[dimension]}}`;
  return `SEARCH('${schema} MetricName="${metric.name}" ${METRIC_DIMENSIONS.service}="${METRICS_SERVICE}"', '${statistic}', ${ALARM_PERIOD.toSeconds()})`;
}

function graph(title: string, metrics: IMetric[], width = 8): IWidget {
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
