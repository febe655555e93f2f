import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { ENV } from '../contract/environment';
import { executionLog } from './execution-log';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { hasExecution, runningExecutions, startOnce, strandedExecutions, type StrandingStatus } from '../reconcile/repairs';
import { sagaReport, type SagaReport } from './saga-report';
import { runReport } from './run-report';
import { SagaRuns } from './saga-runs';

/**
 * What the saga routes and the reconcilers ask of a saga's executions, by the name of what the
 * saga is about, whichever type runs it: Standard answers from Step Functions (DescribeExecution,
 * its history, ListExecutions); Express, which keeps none of those, from the saga's own runs table.
 */
export type SagaExecutions = {
  report(name: string): Promise<SagaReport | undefined>;
  exists(name: string): Promise<boolean>;
  /** Those of `names` still running. */
  running(names: readonly string[]): Promise<string[]>;
  /** The runs started at or after `since` that ended badly; with `wanted`, only those. */
  strandedSince(options: { since: string; wanted?: string[] }): Promise<{ name: string; status: StrandingStatus }[]>;
  /** Starts the saga for `name`; false when it has one already. */
  start(name: string, input: unknown): Promise<boolean>;
};

export function standardExecutions(sfn: SFNClient, stateMachineArn: string): SagaExecutions {
  return {
    report: (name) => sagaReport(sfn, stateMachineArn, name),
    exists: (name) => hasExecution(sfn, stateMachineArn, name),
    running: (names) => runningExecutions(sfn, stateMachineArn, names),
    strandedSince: (options) => strandedExecutions(sfn, stateMachineArn, options),
    start: (name, input) => startOnce(sfn, stateMachineArn, name, input),
  };
}

/**
 * An Express saga's executions, from its runs table (saga-runs.ts) and, for its steps, its log
 * (execution-log.ts). A start is a StartExecution
 * whatever came before: the execution's own first state refuses a second run for the same name,
 * so starting when there is a run is harmless; `start` still starts none when a run is recorded.
 */
export function expressExecutions(sfn: SFNClient, stateMachineArn: string, client: DynamoDBDocumentClient, runsTable: string, logGroup?: string): SagaExecutions {
  const runs = new SagaRuns(client, runsTable);
  const logs = new CloudWatchLogsClient({});
  /** How a run ended, when that may have left work undone; undefined while it runs, when it succeeded or does not exist. */
  const stranded = async (name: string): Promise<StrandingStatus | undefined> => {
    const status = await runs.status(name);
    return status === 'FAILED' || status === 'TIMED_OUT' ? status : undefined;
  };
  return {
    report: async (name) => {
      const run = await runs.get(name);
      if (!run) return undefined;
      if (!logGroup) throw new Error(`${ENV.sagaLogGroup} is not set: this function may not read the saga's steps`);
      return runReport(run, await executionLog(logs, logGroup, run.executionArn, new Date(run.startedAt)));
    },
    exists: async (name) => (await runs.get(name)) !== undefined,
    running: async (names) => (await Promise.all(names.map(async (name) => ((await runs.status(name)) === 'RUNNING' ? name : undefined)))).filter((n): n is string => n !== undefined),
    strandedSince: async ({ since, wanted }) => {
      if (!wanted) return runs.strandedSince(since);
      const found = await Promise.all(wanted.map(async (name) => ({ name, status: await stranded(name) })));
      return found.filter((e): e is { name: string; status: 'FAILED' | 'TIMED_OUT' } => e.status !== undefined);
    },
    start: async (name, input) => {
      if (await runs.get(name)) return false;
      return startOnce(sfn, stateMachineArn, name, input);
    },
  };
}

/**
 * The executions of the saga whose ARN is `stateMachineArn`: Express when the function was given
 * its runs table (`env[ENV.sagaRunsTable]`, and its log group to read steps), Standard otherwise.
 */
export function sagaExecutions(sfn: SFNClient, stateMachineArn: string, client: DynamoDBDocumentClient, env: Record<string, string | undefined> = process.env): SagaExecutions {
  const runsTable = env[ENV.sagaRunsTable];
  return runsTable ? expressExecutions(sfn, stateMachineArn, client, runsTable, env[ENV.sagaLogGroup]) : standardExecutions(sfn, stateMachineArn);
}
