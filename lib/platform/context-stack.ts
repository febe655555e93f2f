import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { Budgets } from '../../functions/platform/http/caller-budgets';
import type { LogLevel } from '../../functions/platform/observability/powertools-settings';
import { importPlatform, type Platform } from './platform-exports';
import { exportReadiness } from './readiness-export';
import type { SagaType } from './saga-state-machine';

export type ContextStackProps = StackProps & {
  stage: string;
  /** The platform stack: deployed first (the context imports its exports by name). */
  platformStack: Stack;
  /** The functions' log level; INFO when not given. */
  logLevel?: LogLevel;
  /** Each caller's requests a minute (the deployment's `-c callerBudgets`). */
  callerBudgets: Budgets;
  /** Each saga's workflow type (`-c sagaType`); Standard when not given. */
  sagaTypes?: (saga: string) => SagaType;
};

/**
 * A bounded context's stack: it owns its data (events table, read tables, queues), functions,
 * routes, sagas, alarms and dashboard, and stands on the platform, imported by export name,
 * never on another context. Deploying it deploys the platform first, and nothing else.
 */
export class ContextStack extends Stack {
  readonly stage: string;
  readonly platform: Platform;
  /** The workflow type of the saga named `saga` (`order`, `transfer`). */
  readonly sagaType: (saga: string) => SagaType;

  constructor(scope: Construct, id: string, props: ContextStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    this.sagaType = props.sagaTypes ?? (() => 'standard');
    this.addStackDependency(props.platformStack);
    this.platform = importPlatform(this, props.stage, props.callerBudgets);
    exportReadiness(this);
  }
}
