import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { METRIC_DIMENSIONS, METRICS, METRICS_NAMESPACE, METRICS_SERVICE } from '../../../../functions/platform/observability/metric-names';
import { HandlerFunction } from '../../../../lib/platform/handler-function';
import { DEFAULT_THROTTLE } from '../../../../lib/platform/http-api';
import { ITERATOR_AGE_THRESHOLD } from '../../../../lib/platform/monitoring';
import { OrderlineStack } from '../../../../lib/orderline-stack';
import { stackContext } from '../../../../lib/platform/stack-context';

/** Bundling is skipped here; `npm start` covers the real synth. */
function stack(context: Record<string, string> = {}): OrderlineStack {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], stage: 'test', ...context } });
  return new OrderlineStack(app, 'Orderline-test', stackContext((key) => app.node.tryGetContext(key), DEFAULT_THROTTLE));
}

const template = Template.fromStack(stack());
const ofType = (type: string): Record<string, { Properties: Record<string, any> }> => template.findResources(type) as Record<string, { Properties: Record<string, any> }>;
const ref = (id: string) => ({ Ref: id });
const alarms = () => Object.values(ofType('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
/** The alarms on one plain metric (not a math expression). */
const alarmsOn = (namespace: string, metricName: string) => alarms().filter((a) => a.Namespace === namespace && a.MetricName === metricName);
const dimension = (alarm: Record<string, any>, name: string) => alarm.Dimensions?.find((d: { Name: string }) => d.Name === name)?.Value;
const functionIds = Object.keys(ofType('AWS::Lambda::Function'));

describe('traces and logs', () => {
  it('traces every function with X-Ray and gives each a log group of its own with a retention', () => {
    const logGroups = ofType('AWS::Logs::LogGroup');
    expect(functionIds.length).toBeGreaterThan(30);
    for (const id of functionIds) {
      const fn = ofType('AWS::Lambda::Function')[id]!;
      expect([id, fn.Properties.TracingConfig]).toEqual([id, { Mode: 'Active' }]);
      expect([id, logGroups[fn.Properties.LoggingConfig.LogGroup.Ref]?.Properties.RetentionInDays]).toEqual([id, expect.any(Number)]);
    }
  });

  it("lets every function's role send traces through one policy of its own, the only place X-Ray's `*` is granted to a function", () => {
    const xray = (statement: { Action: string | string[] }) => [statement.Action].flat().some((a) => a.startsWith('xray:'));
    const tracing = Object.values(ofType('AWS::IAM::ManagedPolicy')).filter((p) => p.Properties.PolicyDocument.Statement.some(xray));
    expect(tracing).toHaveLength(1);
    expect(tracing[0]!.Properties.PolicyDocument.Statement).toEqual([{ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' }]);
    const roles = ofType('AWS::Lambda::Function');
    expect(tracing[0]!.Properties.Roles.map((r: { Ref: string }) => r.Ref).sort()).toEqual(functionIds.map((id) => roles[id]!.Properties.Role['Fn::GetAtt'][0]).sort());
    // The state machine's role has its own (vended log delivery and X-Ray); no function role does.
    const functionRoles = new Set(functionIds.map((id) => roles[id]!.Properties.Role['Fn::GetAtt'][0]));
    for (const policy of Object.values(ofType('AWS::IAM::Policy'))) {
      if (policy.Properties.Roles.some((r: { Ref: string }) => functionRoles.has(r.Ref))) expect(policy.Properties.PolicyDocument.Statement.some(xray)).toBe(false);
    }
  });

  it('gives every function the logger’s and metrics’ settings: one service, one namespace, the log level of the deployment', () => {
    const levels = (t: Template) => Object.values(t.findResources('AWS::Lambda::Function')).map((fn) => fn.Properties.Environment.Variables);
    for (const variables of levels(template)) {
      expect(variables).toMatchObject({ POWERTOOLS_SERVICE_NAME: METRICS_SERVICE, POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE, POWERTOOLS_LOG_LEVEL: 'INFO' });
    }
    const debug = levels(Template.fromStack(stack({ logLevel: 'debug' })));
    expect(debug.length).toBe(functionIds.length);
    for (const variables of debug) expect(variables.POWERTOOLS_LOG_LEVEL).toBe('DEBUG');
    expect(() => stack({ logLevel: 'LOUD' })).toThrow(/logLevel must be one of DEBUG, INFO, WARN, ERROR/);
  });

  it('logs every state of the order saga to a group with a retention, and traces it', () => {
    const [machine] = Object.values(ofType('AWS::StepFunctions::StateMachine'));
    expect(machine?.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(machine?.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
    const [destination] = machine?.Properties.LoggingConfiguration.Destinations;
    const group = ofType('AWS::Logs::LogGroup')[destination.CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0]];
    expect(group?.Properties.RetentionInDays).toEqual(expect.any(Number));
  });
});

describe('alarms', () => {
  const [topicId] = Object.keys(ofType('AWS::SNS::Topic'));

  it('go to one SNS topic that takes TLS only, when they fire and when they recover; no traffic is no alarm', () => {
    expect(Object.keys(ofType('AWS::SNS::Topic'))).toHaveLength(1);
    const [policy] = Object.values(ofType('AWS::SNS::TopicPolicy'));
    expect(policy?.Properties.Topics).toEqual([ref(topicId!)]);
    expect(policy?.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) {
      expect([alarm.AlarmName, alarm.AlarmActions, alarm.OKActions, alarm.TreatMissingData]).toEqual([alarm.AlarmName, [ref(topicId!)], [ref(topicId!)], 'notBreaching']);
    }
  });

  it('has no subscriber unless an e-mail address is given in context, and refuses one that is not an address', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    Template.fromStack(stack({ alarmEmail: 'ops@example.com' })).hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topicId } });
    expect(() => stack({ alarmEmail: 'ops-at-example.com' })).toThrow(/alarmEmail must be an e-mail address/);
  });

  it('watches every dead-letter queue (redrive target, stream on-failure destination, rule target DLQ) for a single message', () => {
    const queueOf = (arn: unknown) => (arn as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
    const deadLetterQueues = new Set<string | undefined>([
      ...Object.values(ofType('AWS::SQS::Queue')).map((q) => queueOf(q.Properties.RedrivePolicy?.deadLetterTargetArn ?? {})),
      ...Object.values(ofType('AWS::Lambda::EventSourceMapping')).map((m) => queueOf(m.Properties.DestinationConfig?.OnFailure?.Destination ?? {})),
      ...Object.values(ofType('AWS::Events::Rule')).flatMap((r) => (r.Properties.Targets ?? []).map((t: { DeadLetterConfig?: { Arn: unknown } }) => queueOf(t.DeadLetterConfig?.Arn ?? {}))),
    ]);
    deadLetterQueues.delete(undefined);
    // The stream consumers' queue, six projections' parked events, the bus forwarder's, three effects' (two of the order saga, the transfer saga's start), the notifier's.
    expect(deadLetterQueues.size).toBe(12);
    const watched = alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible');
    for (const queue of deadLetterQueues) {
      const alarm = watched.find((a) => queueOf(dimension(a, 'QueueName')) === queue);
      expect([queue, alarm && { statistic: alarm.Statistic, comparison: alarm.ComparisonOperator, threshold: alarm.Threshold }]).toEqual([
        queue,
        { statistic: 'Maximum', comparison: 'GreaterThanOrEqualToThreshold', threshold: 1 },
      ]);
    }
  });

  it('fires on a single CompensationFailed, the business metric of the contract module', () => {
    const [alarm, ...others] = alarmsOn(METRICS_NAMESPACE, METRICS.CompensationFailed.name);
    expect(others).toEqual([]);
    expect(alarm).toMatchObject({ Statistic: 'Sum', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1 });
    expect(alarm?.Dimensions).toEqual([{ Name: METRIC_DIMENSIONS.service, Value: METRICS_SERVICE }]);
  });

  it("watches the saga's failed executions and the orders cancelled after a failure", () => {
    const [machineId] = Object.keys(ofType('AWS::StepFunctions::StateMachine'));
    const [failed] = alarmsOn('AWS/States', 'ExecutionsFailed');
    expect(dimension(failed!, 'StateMachineArn')).toEqual(ref(machineId!));
    expect(failed).toMatchObject({ Statistic: 'Sum', ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    const [cancelled] = alarmsOn(METRICS_NAMESPACE, METRICS.CancelledAfterFailure.name);
    expect(cancelled).toMatchObject({ Statistic: 'Sum', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Dimensions: [{ Name: METRIC_DIMENSIONS.service, Value: METRICS_SERVICE }] });
  });

  it("watches the iterator age of every consumer of the events table's stream", () => {
    const consumers = Object.values(ofType('AWS::Lambda::EventSourceMapping'))
      .filter((m) => m.Properties.StartingPosition)
      .map((m) => m.Properties.FunctionName.Ref);
    expect(consumers).toHaveLength(9);
    const watched = alarmsOn('AWS/Lambda', 'IteratorAge');
    for (const fn of consumers) {
      const alarm = watched.find((a) => dimension(a, 'FunctionName')?.Ref === fn);
      expect([fn, alarm?.Statistic, alarm?.Threshold]).toEqual([fn, 'Maximum', ITERATOR_AGE_THRESHOLD.toMilliseconds()]);
    }
  });

  it("watches the HTTP API's 5xx as a share of its requests", () => {
    const [apiId] = Object.keys(ofType('AWS::ApiGatewayV2::Api'));
    const [alarm] = alarms().filter((a) => a.Metrics?.some((m: { Expression?: string }) => m.Expression));
    const stat = (name: string) => alarm?.Metrics.find((m: { MetricStat?: { Metric: { MetricName: string } } }) => m.MetricStat?.Metric.MetricName === name)?.MetricStat;
    for (const name of ['5xx', 'Count']) {
      expect(stat(name)).toMatchObject({ Stat: 'Sum', Metric: { Namespace: 'AWS/ApiGateway', Dimensions: [{ Name: 'ApiId', Value: ref(apiId!) }] } });
    }
    expect(alarm?.Metrics.find((m: { ReturnData?: boolean }) => m.ReturnData !== false)?.Expression).toMatch(/100 \* serverErrors \/ requests/);
  });

  it("watches every function's errors unless the sagas' Tasks throw them on purpose, and the account's throttles in one alarm", () => {
    const machines = JSON.stringify(Object.values(ofType('AWS::StepFunctions::StateMachine')).map((machine) => machine.Properties.DefinitionString));
    const sagaTasks = functionIds.filter((id) => machines.includes(`"${id}"`));
    // The order saga's 8 and the transfer saga's 6.
    expect(sagaTasks).toHaveLength(14);
    const alarmed = (metricName: string) => alarmsOn('AWS/Lambda', metricName).map((a) => dimension(a, 'FunctionName')?.Ref);
    expect(alarmed('Errors').sort()).toEqual(functionIds.filter((id) => !sagaTasks.includes(id)).sort());
    const [throttles, ...others] = alarmsOn('AWS/Lambda', 'Throttles');
    expect(others).toEqual([]);
    expect(throttles).toMatchObject({ Statistic: 'Sum', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1 });
    expect(throttles?.Dimensions).toBeUndefined();
  });

  it('refuses to synthesize a function created after Monitoring, which would go unwatched', () => {
    const late = stack();
    new HandlerFunction(late, 'Late', { entry: 'platform/queries/health.ts', description: 'created after Monitoring' });
    expect(() => Template.fromStack(late)).toThrow(/Late was created after Monitoring/);
  });
});

describe('the dashboard', () => {
  it('is named Orderline-<stage> and shows the business metrics, saga outcomes, lag and errors', () => {
    const [dashboard] = Object.values(ofType('AWS::CloudWatch::Dashboard'));
    expect(dashboard?.Properties.DashboardName).toBe('Orderline-test');
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const metric of [METRICS.OrdersPlaced, METRICS.OrdersConfirmed, METRICS.OrdersRejected, METRICS.OrdersCancelled, METRICS.CancelledAfterFailure, METRICS.CompensationFailed, METRICS.ProjectionLag]) {
      expect([metric.name, body.includes(metric.name)]).toEqual([metric.name, true]);
    }
    for (const metric of ['ExecutionsSucceeded', 'ExecutionsFailed', 'IteratorAge', 'Errors', '5xx', 'ApproximateNumberOfMessagesVisible']) {
      expect([metric, body.includes(`\\"${metric}\\"`)]).toEqual([metric, true]);
    }
  });
});

it("stays within CloudFormation's 500 resources per stack, with an alarm or two per function", () => {
  expect(Object.keys(template.toJSON().Resources).length).toBeLessThan(500);
});
