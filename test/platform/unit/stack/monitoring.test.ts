import type { Template } from 'aws-cdk-lib/assertions';
import { METRIC_DIMENSIONS, METRICS, METRICS_NAMESPACE, METRICS_SERVICE } from '../../../../functions/platform/observability/metric-names';
import { HandlerFunction } from '../../../../lib/platform/handler-function';
import { ITERATOR_AGE_THRESHOLD } from '../../../../lib/platform/monitoring';
import { platformExportName } from '../../../../lib/platform/platform-exports';
import { synthApp, synthTemplates } from '../../../support/app';

const app = synthTemplates();
const contextNames = app.contexts.map((s) => s.stackName.split('-').at(-1)!);
type Resources = Record<string, { Properties: Record<string, any> }>;
const ofType = (template: Template, type: string): Resources => template.findResources(type) as Resources;
const ref = (id: string) => ({ Ref: id });
const alarmsIn = (template: Template) => Object.values(ofType(template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
const everyAlarm = () => app.templates.flatMap(alarmsIn);
/** The alarms on one plain metric (not a math expression). */
const alarmsOn = (alarms: Record<string, any>[], namespace: string, metricName: string) => alarms.filter((a) => a.Namespace === namespace && a.MetricName === metricName);
const dimension = (alarm: Record<string, any>, name: string) => alarm.Dimensions?.find((d: { Name: string }) => d.Name === name)?.Value;
const functionIdsOf = (template: Template) => Object.keys(ofType(template, 'AWS::Lambda::Function'));

describe('traces and logs', () => {
  it('traces every function of every stack with X-Ray and logs it to a group with a retention', () => {
    let functions = 0;
    for (const template of app.templates) {
      const logGroups = ofType(template, 'AWS::Logs::LogGroup');
      for (const id of functionIdsOf(template)) {
        functions += 1;
        const fn = ofType(template, 'AWS::Lambda::Function')[id]!;
        expect([id, fn.Properties.TracingConfig]).toEqual([id, { Mode: 'Active' }]);
        expect([id, fn.Properties.Runtime, logGroups[fn.Properties.LoggingConfig.LogGroup.Ref]?.Properties.RetentionInDays]).toEqual([id, 'nodejs24.x', 30]);
      }
    }
    expect(functions).toBeGreaterThan(30);
  });

  it("lets every function's role send traces through one policy of its stack, the only place X-Ray's `*` is granted to a function", () => {
    const xray = (statement: { Action: string | string[] }) => [statement.Action].flat().some((a) => a.startsWith('xray:'));
    for (const template of app.templates) {
      const functionIds = functionIdsOf(template);
      const tracing = Object.values(ofType(template, 'AWS::IAM::ManagedPolicy')).filter((p) => p.Properties.PolicyDocument.Statement.some(xray));
      expect(tracing).toHaveLength(1);
      expect(tracing[0]!.Properties.PolicyDocument.Statement).toEqual([{ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' }]);
      const roles = ofType(template, 'AWS::Lambda::Function');
      expect(tracing[0]!.Properties.Roles.map((r: { Ref: string }) => r.Ref).sort()).toEqual(functionIds.map((id) => roles[id]!.Properties.Role['Fn::GetAtt'][0]).sort());
      // A state machine's role has its own (vended log delivery and X-Ray); no function role does.
      const functionRoles = new Set(functionIds.map((id) => roles[id]!.Properties.Role['Fn::GetAtt'][0]));
      for (const policy of Object.values(ofType(template, 'AWS::IAM::Policy'))) {
        if (policy.Properties.Roles.some((r: { Ref: string }) => functionRoles.has(r.Ref))) expect(policy.Properties.PolicyDocument.Statement.some(xray)).toBe(false);
      }
    }
  });

  it('gives every function the logger’s and metrics’ settings: one service, one namespace, the log level of the deployment', () => {
    const variables = (templates: Template[]) => templates.flatMap((t) => Object.values(t.findResources('AWS::Lambda::Function')).map((fn) => fn.Properties.Environment.Variables));
    const normal = variables(app.templates);
    for (const v of normal) expect(v).toMatchObject({ POWERTOOLS_SERVICE_NAME: METRICS_SERVICE, POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE, POWERTOOLS_LOG_LEVEL: 'INFO' });
    const debug = variables(synthTemplates({ logLevel: 'debug' }).templates);
    expect(debug.length).toBe(normal.length);
    for (const v of debug) expect(v.POWERTOOLS_LOG_LEVEL).toBe('DEBUG');
    expect(() => synthTemplates({ logLevel: 'LOUD' })).toThrow(/logLevel must be one of DEBUG, INFO, WARN, ERROR/);
  });

  it('logs every state of each saga to a group with a retention, and traces it', () => {
    for (const name of contextNames) {
      const template = app.template(name);
      for (const machine of Object.values(ofType(template, 'AWS::StepFunctions::StateMachine'))) {
        expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
        expect(machine.Properties.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: false });
        const [destination] = machine.Properties.LoggingConfiguration.Destinations;
        expect(ofType(template, 'AWS::Logs::LogGroup')[destination.CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][0]]?.Properties.RetentionInDays).toEqual(expect.any(Number));
      }
    }
  });
});

describe('alarms', () => {
  const platform = app.template('Platform');
  const [topicId] = Object.keys(ofType(platform, 'AWS::SNS::Topic'));
  const importedTopic = { 'Fn::ImportValue': platformExportName('test', 'alarmTopicArn') };

  it("go to the platform's one SNS topic, which takes TLS only, when they fire and when they recover; no traffic is no alarm", () => {
    expect(app.templates.flatMap((t) => Object.keys(ofType(t, 'AWS::SNS::Topic')))).toHaveLength(1);
    const [policy] = Object.values(ofType(platform, 'AWS::SNS::TopicPolicy'));
    expect(policy?.Properties.Topics).toEqual([ref(topicId!)]);
    expect(policy?.Properties.PolicyDocument.Statement).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    for (const template of app.templates) {
      const topic = template === platform ? ref(topicId!) : importedTopic;
      expect(alarmsIn(template).length).toBeGreaterThan(0);
      for (const alarm of alarmsIn(template)) expect([alarm.AlarmName, alarm.AlarmActions, alarm.OKActions, alarm.TreatMissingData]).toEqual([alarm.AlarmName, [topic], [topic], 'notBreaching']);
    }
  });

  it('has no subscriber unless an e-mail address is given in context, and refuses one that is not an address', () => {
    platform.resourceCountIs('AWS::SNS::Subscription', 0);
    synthTemplates({ alarmEmail: 'ops@example.com' }).template('Platform').hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topicId } });
    expect(() => synthTemplates({ alarmEmail: 'ops-at-example.com' })).toThrow(/alarmEmail must be an e-mail address/);
  });

  it('watches every dead-letter queue of every context (redrive target, stream on-failure destination, rule target DLQ) for a single message', () => {
    const queueOf = (arn: unknown) => (arn as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
    const watchedCounts: Record<string, number> = {};
    for (const name of contextNames) {
      const template = app.template(name);
      const deadLetterQueues = new Set<string | undefined>([
        ...Object.values(ofType(template, 'AWS::SQS::Queue')).map((q) => queueOf(q.Properties.RedrivePolicy?.deadLetterTargetArn ?? {})),
        ...Object.values(ofType(template, 'AWS::Lambda::EventSourceMapping')).map((m) => queueOf(m.Properties.DestinationConfig?.OnFailure?.Destination ?? {})),
        ...Object.values(ofType(template, 'AWS::Events::Rule')).flatMap((r) => (r.Properties.Targets ?? []).map((t: { DeadLetterConfig?: { Arn: unknown } }) => queueOf(t.DeadLetterConfig?.Arn ?? {}))),
      ]);
      deadLetterQueues.delete(undefined);
      watchedCounts[name] = deadLetterQueues.size;
      const watched = alarmsOn(alarmsIn(template), 'AWS/SQS', 'ApproximateNumberOfMessagesVisible');
      for (const queue of deadLetterQueues) {
        const alarm = watched.find((a) => queueOf(dimension(a, 'QueueName')) === queue);
        expect([queue, alarm && { statistic: alarm.Statistic, comparison: alarm.ComparisonOperator, threshold: alarm.Threshold }]).toEqual([queue, { statistic: 'Maximum', comparison: 'GreaterThanOrEqualToThreshold', threshold: 1 }]);
      }
    }
    // Orders: the stream consumers' queue, three projections' parked events, the bus forwarder's, two effects', the notifier's.
    // Bank: the stream consumers' queue, three projections' parked events, the bus forwarder's, the transfer saga's start.
    expect(watchedCounts).toEqual({ Orders: 8, Bank: 6 });
  });

  it("empties every dead-letter queue into the operator's inbox, and each alarm that needs a person says to look there", () => {
    for (const name of contextNames) {
      const template = app.template(name);
      const watched = alarmsOn(alarmsIn(template), 'AWS/SQS', 'ApproximateNumberOfMessagesVisible');
      const intake = Object.values(ofType(template, 'AWS::Lambda::EventSourceMapping')).filter((m) => String(m.Properties.FunctionName?.Ref).startsWith('InboxIntake'));
      expect([name, intake.length]).toEqual([name, watched.length]);
      for (const alarm of watched) expect(alarm.AlarmDescription).toContain('GET /inbox');
    }
    const inboxAlarms = [...alarmsOn(alarmsIn(platform), METRICS_NAMESPACE, METRICS.CompensationFailed.name), ...alarmsOn(alarmsIn(platform), METRICS_NAMESPACE, METRICS.InboxItemsOpened.name)];
    expect(inboxAlarms).toHaveLength(2);
    for (const alarm of inboxAlarms) expect(alarm.AlarmDescription).toContain('GET /inbox');
  });

  it('fires once, in the platform, on a single CompensationFailed of any saga, the business metric of the contract module', () => {
    const [alarm, ...others] = alarmsOn(everyAlarm(), METRICS_NAMESPACE, METRICS.CompensationFailed.name);
    expect(others).toEqual([]);
    expect(alarmsOn(alarmsIn(platform), METRICS_NAMESPACE, METRICS.CompensationFailed.name)).toHaveLength(1);
    expect(alarm).toMatchObject({ Statistic: 'Sum', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1 });
    expect(alarm?.Dimensions).toEqual([{ Name: METRIC_DIMENSIONS.service, Value: METRICS_SERVICE }]);
  });

  it("fires on one failed, timed-out or aborted execution of each saga, and on the orders cancelled after a failure", () => {
    for (const name of contextNames) {
      const template = app.template(name);
      const machines = Object.keys(ofType(template, 'AWS::StepFunctions::StateMachine'));
      for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
        const alarms = alarmsOn(alarmsIn(template), 'AWS/States', metric);
        expect([name, metric, alarms.map((a) => dimension(a, 'StateMachineArn'))]).toEqual([name, metric, machines.map(ref)]);
        for (const alarm of alarms) expect(alarm).toMatchObject({ Statistic: 'Sum', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1 });
      }
    }
    const [cancelled] = alarmsOn(alarmsIn(app.template('Orders')), METRICS_NAMESPACE, METRICS.CancelledAfterFailure.name);
    expect(cancelled).toMatchObject({ Statistic: 'Sum', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Dimensions: [{ Name: METRIC_DIMENSIONS.service, Value: METRICS_SERVICE }] });
  });

  it('fires on any work queue (one with a dead-letter queue) whose oldest message has waited more than 5 minutes', () => {
    for (const name of ['Platform', ...contextNames]) {
      const template = app.template(name);
      const workQueues = Object.entries(ofType(template, 'AWS::SQS::Queue'))
        .filter(([, q]) => q.Properties?.RedrivePolicy)
        .map(([id]) => id);
      if (name !== 'Platform') expect([name, workQueues.length > 0]).toEqual([name, true]);
      const watched = alarmsOn(alarmsIn(template), 'AWS/SQS', 'ApproximateAgeOfOldestMessage');
      expect([name, watched.map((a) => JSON.stringify(dimension(a, 'QueueName'))).sort()]).toEqual([name, workQueues.map((id) => JSON.stringify({ 'Fn::GetAtt': [id, 'QueueName'] })).sort()]);
      for (const alarm of watched) expect(alarm).toMatchObject({ Statistic: 'Maximum', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 300 });
    }
  });

  it("watches the iterator age of every consumer of each context's events stream", () => {
    for (const name of contextNames) {
      const template = app.template(name);
      const consumers = Object.values(ofType(template, 'AWS::Lambda::EventSourceMapping'))
        .filter((m) => m.Properties.StartingPosition)
        .map((m) => m.Properties.FunctionName.Ref);
      // The views reader and the forwarder to the bus: the two readers a stream allows.
      expect(consumers.length).toBe(2);
      const watched = alarmsOn(alarmsIn(template), 'AWS/Lambda', 'IteratorAge');
      for (const fn of consumers) {
        const alarm = watched.find((a) => dimension(a, 'FunctionName')?.Ref === fn);
        expect([fn, alarm?.Statistic, alarm?.Threshold]).toEqual([fn, 'Maximum', ITERATOR_AGE_THRESHOLD.toMilliseconds()]);
      }
    }
  });

  it("watches the HTTP API's 5xx as a share of its requests, in the platform", () => {
    const [apiId] = Object.keys(ofType(platform, 'AWS::ApiGatewayV2::Api'));
    const [alarm] = alarmsIn(platform).filter((a) => a.Metrics?.some((m: { Expression?: string }) => m.Expression));
    const stat = (name: string) => alarm?.Metrics.find((m: { MetricStat?: { Metric: { MetricName: string } } }) => m.MetricStat?.Metric.MetricName === name)?.MetricStat;
    for (const name of ['5xx', 'Count']) expect(stat(name)).toMatchObject({ Stat: 'Sum', Metric: { Namespace: 'AWS/ApiGateway', Dimensions: [{ Name: 'ApiId', Value: ref(apiId!) }] } });
    expect(alarm?.Metrics.find((m: { ReturnData?: boolean }) => m.ReturnData !== false)?.Expression).toMatch(/100 \* serverErrors \/ requests/);
  });

  it("watches every function's errors unless the sagas' Tasks throw them on purpose, and the account's throttles in one alarm", () => {
    let sagaTasks = 0;
    for (const template of app.templates) {
      const functionIds = functionIdsOf(template);
      const machines = JSON.stringify(Object.values(ofType(template, 'AWS::StepFunctions::StateMachine')).map((machine) => machine.Properties.DefinitionString));
      const tasks = functionIds.filter((id) => machines.includes(`"${id}"`));
      sagaTasks += tasks.length;
      const alarmed = alarmsOn(alarmsIn(template), 'AWS/Lambda', 'Errors').map((a) => dimension(a, 'FunctionName')?.Ref);
      expect(alarmed.sort()).toEqual(functionIds.filter((id) => !tasks.includes(id)).sort());
    }
    // The order saga's 8 and the transfer saga's 6.
    expect(sagaTasks).toBe(14);
    const [throttles, ...others] = alarmsOn(everyAlarm(), 'AWS/Lambda', 'Throttles');
    expect(others).toEqual([]);
    expect(throttles).toMatchObject({ Statistic: 'Sum', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1 });
    expect(throttles?.Dimensions).toBeUndefined();
  });

  it('refuses to synthesize a function created after Monitoring, which would go unwatched', () => {
    const late = synthApp();
    const orders = late.contexts.find((s) => s.stackName.endsWith('-Orders'))!;
    new HandlerFunction(orders, 'Late', { entry: 'platform/queries/health.ts', description: 'created after Monitoring' });
    expect(() => late.template('Orders')).toThrow(/Late was created after Monitoring/);
  });
});

describe('the dashboards', () => {
  const dashboardOf = (template: Template) => Object.values(ofType(template, 'AWS::CloudWatch::Dashboard'))[0]?.Properties;

  it('are one per stack: Orderline-<stage> for the platform, Orderline-<stage>-<Context> for each context', () => {
    expect(dashboardOf(app.template('Platform'))?.DashboardName).toBe('Orderline-test');
    for (const name of contextNames) expect(dashboardOf(app.template(name))?.DashboardName).toBe(`Orderline-test-${name}`);
  });

  it("show the orders' business metrics, saga outcomes, lag and errors, and the API's traffic", () => {
    const orders = JSON.stringify(dashboardOf(app.template('Orders'))?.DashboardBody);
    for (const metric of [METRICS.OrdersPlaced, METRICS.OrdersConfirmed, METRICS.OrdersRejected, METRICS.OrdersCancelled, METRICS.CancelledAfterFailure, METRICS.CompensationFailed, METRICS.ProjectionLag]) {
      expect([metric.name, orders.includes(metric.name)]).toEqual([metric.name, true]);
    }
    for (const metric of ['ExecutionsSucceeded', 'ExecutionsFailed', 'IteratorAge', 'Errors', 'ApproximateNumberOfMessagesVisible']) expect([metric, orders.includes(`\\"${metric}\\"`)]).toEqual([metric, true]);
    expect(JSON.stringify(dashboardOf(app.template('Platform'))?.DashboardBody)).toContain('\\"5xx\\"');
  });
});
