import { DescribeExecutionCommand, ExecutionDoesNotExist, type SFNClient } from '@aws-sdk/client-sfn';
import { executionHistory } from './execution-history';
import { sagaSteps, type SagaStep } from './saga-steps';

/** What the saga routes answer of one execution. */
export type SagaReport = {
  executionArn: string;
  status: string;
  startedAt?: string;
  stoppedAt?: string;
  output?: unknown;
  error?: string;
  cause?: string;
  /** The names of the states it went through, in order. */
  path: string[];
  steps: SagaStep[];
};

/** The ARN of a state machine's execution named `name` (each saga's starter names it by what the saga is about). */
export const executionArnOf = (stateMachineArn: string, name: string): string => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/**
 * A saga's execution as a person reads it (DescribeExecution, GetExecutionHistory): its status
 * and the steps it took. Undefined when there is no such execution (not started, or never will be).
 */
export async function sagaReport(sfn: SFNClient, stateMachineArn: string, name: string): Promise<SagaReport | undefined> {
  const executionArn = executionArnOf(stateMachineArn, name);
  const execution = await sfn.send(new DescribeExecutionCommand({ executionArn })).catch((error: unknown) => {
    if (error instanceof ExecutionDoesNotExist) return undefined;
    throw error;
  });
  if (!execution) return undefined;
  const status = execution.status ?? 'RUNNING';
  const steps = sagaSteps(await executionHistory(sfn, executionArn, false), status);
  return {
    executionArn,
    status,
    startedAt: execution.startDate?.toISOString(),
    stoppedAt: execution.stopDate?.toISOString(),
    output: execution.output ? JSON.parse(execution.output) : undefined,
    error: execution.error,
    cause: execution.cause,
    path: steps.map((step) => step.name),
    steps,
  };
}
