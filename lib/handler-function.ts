import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

export type HandlerFunctionProps = {
  /** The handler file, relative to `functions/`, e.g. `commands/create-order.ts`. */
  entry: string;
  description: string;
  environment?: Record<string, string>;
  /** Defaults to 10 seconds. */
  timeout?: Duration;
};

/**
 * A Lambda function built from one handler file under `functions/`: Node 24 on arm64, bundled and
 * minified by local esbuild (no Docker), with the AWS SDK left to the Lambda runtime. It logs to a
 * log group of its own, kept a month, and its role starts empty but for writing to that group
 * (no AWSLambdaBasicExecutionRole and its `*`): every other grant is added by what it is bound to.
 */
export class HandlerFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), description: `Runs ${id}: ${props.description}` });
    super(scope, id, {
      entry: join(__dirname, '..', 'functions', props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      role,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.CJS,
        minify: true,
        // Error class names are part of the contract: Step Functions matches Retry/Catch on them.
        keepNames: true,
        sourceMap: true,
        target: 'node24',
        externalModules: ['@aws-sdk/*'],
      },
    });
    logGroup.grantWrite(role);
  }
}
