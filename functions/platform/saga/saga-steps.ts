/** A history event as GetExecutionHistory returns it (the fields this module reads). */
export type SagaHistoryEvent = {
  type?: string;
  timestamp?: Date | string;
  stateEnteredEventDetails?: { name?: string };
  stateExitedEventDetails?: { name?: string; output?: string };
  taskFailedEventDetails?: { error?: string; cause?: string };
  taskTimedOutEventDetails?: { error?: string; cause?: string };
  lambdaFunctionFailedEventDetails?: { error?: string; cause?: string };
  lambdaFunctionTimedOutEventDetails?: { error?: string; cause?: string };
  executionSucceededEventDetails?: { output?: string };
};

export type StepStatus = 'running' | 'succeeded' | 'failed' | 'caught';

/** One state the execution went through, as a person wants to read it. */
export type SagaStep = {
  name: string;
  /** Task, Pass, Choice, Succeed or Fail. */
  type: string;
  status: StepStatus;
  /** Times the task ran (1 + retries); 0 for states that are not tasks. */
  attempts: number;
  retries: number;
  /** The error of each failed attempt, in order. */
  errors: string[];
  enteredAt: string;
  exitedAt?: string;
};

const FAILURE_TYPES = new Set(['TaskFailed', 'TaskTimedOut', 'LambdaFunctionFailed', 'LambdaFunctionTimedOut', 'LambdaFunctionScheduleFailed', 'LambdaFunctionStartFailed']);

/**
 * Reads an execution's history into the steps it took: each state entered, how many times a task
 * ran, which attempts failed and with what, and how the state ended: succeeded, caught (a Catch
 * moved on to a compensation), failed (the execution ended there) or still running.
 */
export function sagaSteps(history: SagaHistoryEvent[], executionStatus: string): SagaStep[] {
  const steps: SagaStep[] = [];
  const current = () => steps.at(-1);
  for (const event of history) {
    const type = event.type ?? '';
    if (type.endsWith('StateEntered')) {
      const previous = current();
      if (previous && previous.status === 'running') previous.status = previous.errors.length ? 'caught' : 'succeeded';
      steps.push({ name: event.stateEnteredEventDetails?.name ?? '?', type: type.replace('StateEntered', ''), status: 'running', attempts: 0, retries: 0, errors: [], enteredAt: iso(event.timestamp) });
    } else if (type === 'TaskScheduled' || type === 'LambdaFunctionScheduled') {
      const step = current();
      if (step) {
        step.attempts += 1;
        step.retries = Math.max(0, step.attempts - 1);
      }
    } else if (FAILURE_TYPES.has(type)) {
      // A task given as a function ARN reports LambdaFunction* events in AWS; lambda:invoke reports Task*.
      const details = event.taskFailedEventDetails ?? event.taskTimedOutEventDetails ?? event.lambdaFunctionFailedEventDetails ?? event.lambdaFunctionTimedOutEventDetails;
      current()?.errors.push(details?.error ?? type);
    } else if (type.endsWith('StateExited')) {
      const step = current();
      if (step) {
        step.exitedAt = iso(event.timestamp);
        // A task exits after a failed last attempt only when a Catch took it elsewhere.
        step.status = step.errors.length === step.attempts && step.attempts > 0 ? 'caught' : 'succeeded';
      }
    }
  }
  const last = current();
  if (last && last.status === 'running' && executionStatus !== 'RUNNING') {
    last.status = last.type === 'Fail' || last.errors.length ? 'failed' : 'succeeded';
  }
  return steps;
}

function iso(timestamp: Date | string | undefined): string {
  return timestamp === undefined ? '' : new Date(timestamp).toISOString();
}
