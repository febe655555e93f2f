import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
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
 * A Lambda function built from one handler file under `functions/`: Node 22 on arm64, bundled and
 * minified by local esbuild (no Docker), with the AWS SDK left to the Lambda runtime.
 */
export class HandlerFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id, {
      entry: join(__dirname, '..', 'functions', props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: props.timeout ?? Duration.seconds(10),
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.CJS,
        minify: true,
        // Error class names are part of the contract: Step Functions matches Retry/Catch on them.
        keepNames: true,
        sourceMap: true,
        target: 'node22',
        externalModules: ['@aws-sdk/*'],
      },
    });
  }
}
