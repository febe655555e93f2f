import { ArnFormat, CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { MathExpression, Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Grant } from 'aws-cdk-lib/aws-iam';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { SAGA_RUNS_BY_STATUS, SAGA_RUNS_TABLE_SUFFIX } from '../../functions/platform/saga/saga-runs';
import { ENV } from '../../functions/platform/contract/environment';
import type { LogLevel } from '../../functions/platform/observability/powertools-settings';
import { acceptFinding } from './accepted-findings';
import { HandlerFunction, setLogLevel } from './handler-function';
import { PlatformHttpApi, type Throttle } from './http-api';
import { Identity, type IdentityProps } from './identity';
import {
  ALARM_PERIOD,
  API_5XX_MINIMUM,
  API_5XX_PERCENT_THRESHOLD,
  businessMetric,
  COMPENSATION_FAILED_THRESHOLD,
  INBOX_ITEMS_OPENED_THRESHOLD,
  FUNCTION_THROTTLES_THRESHOLD,
  graph,
  Monitoring,
} from './monitoring';
import { exportPlatform } from './platform-exports';
import { sagaNamePrefix } from './saga-names';
import { storeFiguresTable } from './store-figures';
import { bindCallerBudgets, callerBudgetsTable } from './caller-budgets';
import { OperatorInbox } from './operator-inbox';
import { METRICS } from '../../functions/platform/observability/metric-names';
import type { Budgets } from '../../functions/platform/http/caller-budgets';

export type PlatformStackProps = StackProps & {
  stage: string;
  /** Another OIDC issuer than the stack's own Cognito user pool. */
  identity?: IdentityProps;
  throttle: Throttle;
  /** Where alarms are e-mailed; without it the alarm topic has no subscriber. */
  alarmEmail?: string;
  /** The functions' log level; INFO when not given. */
  logLevel?: LogLevel;
  /** The web origins whose pages may call the API (CORS); none when not given. */
  corsOrigins?: string[];
  /** Each caller's requests a minute (`-c callerBudgets`). */
  callerBudgets: Budgets;
};

/**
 * What every bounded context stands on, and knows no context: who callers are (the identity), the
 * HTTP API with its JWT authorizer and stage throttling, the domain event bus, the alarm topic,
 * the event stores' figures, and the one listing of every saga (GET /sagas). Contexts import its
 * few exports by name (lib/platform/platform-exports.ts) and add their own routes, rules and alarms.
 */
export class PlatformStack extends Stack {
  readonly stage: string;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    const identity = new Identity(this, 'Identity', props.identity);
    const http = new PlatformHttpApi(this, 'Http', { identity, throttle: props.throttle, corsOrigins: props.corsOrigins });
    // One bus name per account and region: stages other than the default get their own.
    const bus = new EventBus(this, 'DomainEvents', { eventBusName: props.stage === 'dev' ? 'orderline' : `orderline-${props.stage}` });
    const topic = new Topic(this, 'AlarmTopic', { displayName: `Orderline ${props.stage} alarms`, enforceSSL: true });
    if (props.alarmEmail) topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const figures = storeFiguresTable(this, 'StoreFigures');
    const budgets = callerBudgetsTable(this, 'CallerBudgets');

    // GET /sagas lists any context's saga by its name: every saga state machine is named
    // `<prefix><saga>`, so this grant covers the sagas of contexts it has never heard of.
    const listSagas = new HandlerFunction(this, 'ListSagas', { entry: 'platform/queries/list-sagas.ts', description: 'GET /sagas: one saga\'s executions, newest first, by status (admins)' });
    const sagaArnPrefix = this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: sagaNamePrefix(props.stage), arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    Grant.addToPrincipal({ grantee: listSagas, actions: ['states:ListExecutions'], resourceArns: [`${sagaArnPrefix}*`] });
    // An Express saga is listed from its runs table, named after its state machine (lib/platform/saga-state-machine.ts).
    const runsIndexes = this.formatArn({ service: 'dynamodb', resource: 'table', resourceName: `${sagaNamePrefix(props.stage)}*${SAGA_RUNS_TABLE_SUFFIX}/index/${SAGA_RUNS_BY_STATUS}` });
    Grant.addToPrincipal({ grantee: listSagas, actions: ['dynamodb:Query'], resourceArns: [runsIndexes] });
    listSagas.addEnvironment(ENV.sagaArnPrefix, sagaArnPrefix);
    if (listSagas.role) acceptFinding(listSagas.role, 'sagaListing');
    bindCallerBudgets(listSagas, budgets, props.callerBudgets);
    http.api.addRoutes({ path: '/sagas', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('ListSagasIntegration', listSagas), authorizer: http.routeAuthorizer });

    const inbox = new OperatorInbox(this, 'Inbox', { stage: props.stage, http, bus, callerBudgets: { table: budgets, budgets: props.callerBudgets } });

    exportPlatform(this, props.stage, {
      apiId: http.api.apiId,
      authorizerId: http.authorizerId,
      busArn: bus.eventBusArn,
      alarmTopicArn: topic.topicArn,
      storeFiguresTableName: figures.tableName,
      jwtIssuer: identity.issuer,
      jwtAudiences: Fn.join(',', identity.audience),
      callerBudgetsTableName: budgets.tableName,
      inboxTableName: inbox.table.tableName,
    });
    if (props.logLevel) setLogLevel(this, props.logLevel);
    // Last: it watches every function created before it.
    const monitoring = new Monitoring(this, 'Monitoring', {
      dashboardName: `Orderline-${props.stage}`,
      topic,
      alarms: () => [
        {
          id: 'Api5xxRate',
          name: 'HTTP API 5xx rate',
          description: `At least ${API_5XX_PERCENT_THRESHOLD}% of HTTP API requests (and ${API_5XX_MINIMUM} or more) were answered 5xx in ${ALARM_PERIOD.toMinutes()} minutes.`,
          // A rate, not a count, so that the threshold means the same at any traffic. HTTP APIs
          // publish `5xx` and `Count` per ApiId (REST APIs' 5XXError does not exist here).
          metric: new MathExpression({
            expression: `IF(serverErrors >= ${API_5XX_MINIMUM}, 100 * serverErrors / requests, 0)`,
            usingMetrics: { serverErrors: http.api.metricServerError({ period: ALARM_PERIOD, statistic: Stats.SUM }), requests: http.api.metricCount({ period: ALARM_PERIOD, statistic: Stats.SUM }) },
            period: ALARM_PERIOD,
            label: 'HTTP API 5xx (% of requests)',
          }),
          threshold: API_5XX_PERCENT_THRESHOLD,
        },
        {
          id: 'CompensationFailed',
          name: 'saga compensation failed',
          description:
            "A saga compensation failed past its retries: an order has money or stock, or a transfer has money, to put right. It is in the operator's inbox (GET /inbox?kind=compensation, npm run inbox -- list --kind compensation, /_console/inbox): retry it (its context's reconciler finishes the saga's work) or mend it by hand and resolve it with a note.",
          metric: businessMetric(METRICS.CompensationFailed, Stats.SUM),
          threshold: COMPENSATION_FAILED_THRESHOLD,
        },
        {
          id: 'InboxItemsOpened',
          name: 'dead letters in the inbox',
          description:
            "A message outlived its retries (a parked projection event, an effect given up, a bus target not reached, a stream batch failed) and is now an item of the operator's inbox: GET /inbox, npm run inbox -- list, or /_console/inbox. Read its error and message, mend the cause, then retry it (back to its queue) or resolve it with a note.",
          metric: businessMetric(METRICS.InboxItemsOpened, Stats.SUM),
          threshold: INBOX_ITEMS_OPENED_THRESHOLD,
        },
        {
          id: 'LambdaThrottles',
          name: 'Lambda throttled',
          description: "A function was throttled: the account's Lambda concurrency is used up (each stack's dashboard graphs its functions' throttles; AWS/Lambda Throttles by FunctionName).",
          metric: new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', period: ALARM_PERIOD, statistic: Stats.SUM }),
          threshold: FUNCTION_THROTTLES_THRESHOLD,
        },
      ],
      widgets: [
        [
          graph('HTTP API', [
            http.api.metricCount({ period: ALARM_PERIOD, statistic: Stats.SUM, label: 'Requests' }),
            http.api.metricClientError({ period: ALARM_PERIOD, statistic: Stats.SUM, label: '4xx' }),
            http.api.metricServerError({ period: ALARM_PERIOD, statistic: Stats.SUM, label: '5xx' }),
          ]),
          graph('Saga compensations failed', [businessMetric(METRICS.CompensationFailed, Stats.SUM)]),
          graph("Operator's inbox: dead letters taken in", [businessMetric(METRICS.InboxItemsOpened, Stats.SUM)]),
        ],
      ],
    });

    new CfnOutput(this, 'EventBusName', { value: bus.eventBusName });
    new CfnOutput(this, 'AlarmTopicArn', { value: monitoring.topic.topicArn });
    new CfnOutput(this, 'StoreFiguresTableName', { value: figures.tableName });
    new CfnOutput(this, 'InboxTableName', { value: inbox.table.tableName });
    new CfnOutput(this, 'PlatformDashboardName', { value: monitoring.dashboard.dashboardName });
  }
}
