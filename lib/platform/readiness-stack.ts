import { ArnFormat, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpRoute, HttpRouteKey, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acceptFinding } from './accepted-findings';
import { bindCallerBudgets } from './caller-budgets';
import { HandlerFunction, setLogLevel } from './handler-function';
import { Monitoring } from './monitoring';
import { importPlatform, platformExportName } from './platform-exports';
import { readinessExportName } from './readiness-export';
import { sagaNamePrefix } from './saga-names';
import { ENV } from '../../functions/platform/contract/environment';
import type { Dependency } from '../../functions/platform/health/dependencies';
import type { Budgets } from '../../functions/platform/http/caller-budgets';
import type { LogLevel } from '../../functions/platform/observability/powertools-settings';

export type ReadinessStackProps = StackProps & {
  stage: string;
  platformStack: Stack;
  /** Every context stack: each exports its dependencies (lib/platform/readiness-export.ts). */
  contextStacks: readonly Stack[];
  /** The function's log level; INFO when not given. */
  logLevel?: LogLevel;
  /** Each caller's requests a minute: anonymous callers count by source address. */
  callerBudgets: Budgets;
};

/**
 * GET /health/ready, in a stack of its own deployed after every context: the one place that
 * reads every context's dependencies (each context's readiness export, by name) without any
 * context or the platform knowing the others. One function on the shared API, open like
 * GET /health, allowed one control-plane read of each dependency and nothing else.
 */
export class ReadinessStack extends Stack {
  constructor(scope: Construct, id: string, props: ReadinessStackProps) {
    super(scope, id, props);
    this.addStackDependency(props.platformStack);
    for (const context of props.contextStacks) this.addStackDependency(context);
    const platform = importPlatform(this, props.stage, props.callerBudgets);
    const platformTables: Dependency[] = [{ kind: 'table', name: platform.storeFigures.tableName }];
    const fn = new HandlerFunction(this, 'HealthReady', {
      entry: 'platform/queries/health-ready.ts',
      description: 'GET /health/ready: whether every dependency of the API answers',
      environment: {
        [ENV.readinessDependencies]: Fn.join('\n', [this.toJsonString(platformTables), ...props.contextStacks.map((s) => Fn.importValue(readinessExportName(s.stackName)))]),
        [ENV.eventBusName]: platform.bus.eventBusName,
        [ENV.jwtIssuer]: Fn.importValue(platformExportName(props.stage, 'jwtIssuer')),
        [ENV.jwtAudiences]: Fn.importValue(platformExportName(props.stage, 'jwtAudiences')),
      },
    });
    // Table and state machine names start with the stage's stack and saga names (CloudFormation
    // names a table `<stack>-<logical id>-<suffix>`): the grant names no context.
    const tables = this.formatArn({ service: 'dynamodb', resource: 'table', resourceName: `Orderline-${props.stage}-*` });
    const sagas = this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: `${sagaNamePrefix(props.stage)}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    Grant.addToPrincipal({ grantee: fn, actions: ['dynamodb:DescribeTable'], resourceArns: [tables] });
    Grant.addToPrincipal({ grantee: fn, actions: ['states:DescribeStateMachine'], resourceArns: [sagas] });
    Grant.addToPrincipal({ grantee: fn, actions: ['events:DescribeEventBus'], resourceArns: [platform.bus.eventBusArn] });
    if (fn.role) acceptFinding(fn.role, 'readinessChecks');
    bindCallerBudgets(fn, platform.callerBudgets.table, props.callerBudgets);
    // No authorizer: open like GET /health; the function shows an admin more, from a token it verifies itself.
    const route = new HttpRoute(this, 'HealthReadyRoute', {
      httpApi: platform.api,
      routeKey: HttpRouteKey.with('/health/ready', HttpMethod.GET),
      integration: new HttpLambdaIntegration('HealthReadyIntegration', fn),
    });
    acceptFinding(route, 'publicReadinessCheck');
    if (props.logLevel) setLogLevel(this, props.logLevel);
    // Last: it watches the function (its errors) like every stack's.
    new Monitoring(this, 'Monitoring', { dashboardName: `Orderline-${props.stage}-Readiness`, topic: platform.alarmTopic });
  }
}
