import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { LOG_LEVEL_VARIABLE, powertoolsEnvironment, type LogLevel } from '../../functions/platform/observability/powertools-settings';
import { acceptFinding } from './accepted-findings';
import { bundleDirOf } from './function-bundles';

export type HandlerFunctionProps = {
  /** The handler file, relative to `functions/`, e.g. `orders/commands/create-order.ts`. */
  entry: string;
  description: string;
  environment?: Record<string, string>;
  /** Defaults to 10 seconds. */
  timeout?: Duration;
};

/**
 * A Lambda function built from one handler file under `functions/`: Node 24 on arm64, its code the
 * handler's bundle (lib/platform/function-bundles.ts: every handler bundled and minified in one
 * local esbuild build, no Docker, the AWS SDK left to the Lambda runtime). It logs to the
 * stack's one function log group, kept a month (Lambda names each stream after its function), and
 * is traced by X-Ray (active tracing). Powertools reads
 * its service name, metrics namespace and log level from the environment set here. Its role starts
 * empty but for writing to that group and sending traces (no AWSLambdaBasicExecutionRole and its
 * `*`): every other grant is added by what it is bound to.
 */
export class HandlerFunction extends LambdaFunction {
  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    const logGroup = functionLogGroup(scope);
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `Runs ${id}: ${props.description}` });
    super(scope, id, {
      code: Code.fromAsset(bundleDirOf(props.entry)),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      role,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...powertoolsEnvironment(DEFAULT_LOG_LEVEL), ...props.environment },
    });
    logGroup.grantWrite(role);
    // Set on the resource rather than through the `tracing` prop, which would also put X-Ray's
    // `Resource: *` statement in the role's default policy, beside the function's real grants.
    (this.node.defaultChild as CfnFunction).tracingConfig = { mode: Tracing.ACTIVE };
    tracingPolicy(scope).attachToRole(role);
  }
}

/** Until {@link setLogLevel} says otherwise. */
const DEFAULT_LOG_LEVEL: LogLevel = 'INFO';

/** Sets the log level of every handler function under `scope` (the deployment's `-c logLevel=`). */
export function setLogLevel(scope: Construct, level: LogLevel): void {
  for (const fn of scope.node.findAll()) if (fn instanceof HandlerFunction) fn.addEnvironment(LOG_LEVEL_VARIABLE, level);
}

const FUNCTION_LOGS_ID = 'FunctionLogs';

/**
 * The stack's one log group for every function's lines. Lambda puts the function's name in each
 * stream's name in a shared group (`YYYY/MM/DD/<function>[<version>]<environment>`), and every
 * line carries `function_name` (Powertools), so nothing is lost by sharing; what is saved is a
 * resource per function, of CloudFormation's 500 per stack.
 */
function functionLogGroup(scope: Construct): LogGroup {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(FUNCTION_LOGS_ID);
  if (existing instanceof LogGroup) return existing;
  return new LogGroup(stack, FUNCTION_LOGS_ID, { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
}

const TRACING_POLICY_ID = 'FunctionTracing';

/**
 * What active tracing needs (X-Ray's write actions have no resource-level permissions), in one
 * managed policy of the stack that every function's role gets: the cdk-nag finding for its `*`
 * is accepted on this policy alone, never on a role where it would hide another grant's `*`.
 */
function tracingPolicy(scope: Construct): ManagedPolicy {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(TRACING_POLICY_ID);
  if (existing instanceof ManagedPolicy) return existing;
  const policy = new ManagedPolicy(stack, TRACING_POLICY_ID, {
    description: 'Lets every Orderline function send its X-Ray traces',
    statements: [new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] })],
  });
  acceptFinding(policy, 'functionTracing');
  return policy;
}
