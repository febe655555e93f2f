import type { SagaReport } from './saga-report';
import { EXPRESS_LIMIT_MS, RUN_STATES, runStatus, type SagaRun } from './saga-runs';
import { sagaSteps, type SagaHistoryEvent } from './saga-steps';

const RUN_STATE_NAMES: ReadonlySet<string> = new Set(Object.values(RUN_STATES));

/**
 * A run as the saga routes answer it, the same shape as a Standard execution's report: its status,
 * error and cause from the run, its steps and output from its execution's events (the log's,
 * oldest first), without the run's own states. The output is the saga's own (its `Saga` state's,
 * which the execution's is too): the run is recorded SUCCEEDED after that state exits and before
 * the execution ends, so a report read in between has the output all the same.
 */
export function runReport(run: SagaRun, events: readonly SagaHistoryEvent[], now = Date.now(), limitMs = EXPRESS_LIMIT_MS): SagaReport {
  const status = runStatus(run, now, limitMs);
  const sagaExit = events.findLast((event) => event.type?.endsWith('StateExited') && event.stateExitedEventDetails?.name === RUN_STATES.saga);
  const output = sagaExit?.stateExitedEventDetails?.output ?? events.findLast((event) => event.type === 'ExecutionSucceeded')?.executionSucceededEventDetails?.output;
  const steps = sagaSteps(withoutRunStates(events), status);
  const lastExit = steps.at(-1)?.exitedAt ?? steps.at(-1)?.enteredAt;
  const stoppedAt = status === 'RUNNING' ? undefined : status === 'TIMED_OUT' ? new Date(Date.parse(run.startedAt) + limitMs).toISOString() : lastExit || run.startedAt;
  return {
    executionArn: run.executionArn,
    status,
    startedAt: run.startedAt,
    ...(stoppedAt !== undefined ? { stoppedAt } : {}),
    ...(status === 'SUCCEEDED' && output !== undefined ? { output: JSON.parse(output) as unknown } : {}),
    ...(status === 'TIMED_OUT' ? { error: 'States.Timeout', cause: 'the Express execution ran past its 5 minutes' } : {}),
    ...(run.error !== undefined ? { error: run.error } : {}),
    ...(run.cause ? { cause: run.cause } : {}),
    path: steps.map((step) => step.name),
    steps,
  };
}

/** The events of the saga's own states: those of the run's states (and whatever happens inside them) left out. */
function withoutRunStates(events: readonly SagaHistoryEvent[]): SagaHistoryEvent[] {
  let inRunState = false;
  return events.filter((event) => {
    const type = event.type ?? '';
    if (type.endsWith('StateEntered')) {
      inRunState = RUN_STATE_NAMES.has(event.stateEnteredEventDetails?.name ?? '');
      return !inRunState;
    }
    if (type.endsWith('StateExited')) return !RUN_STATE_NAMES.has(event.stateExitedEventDetails?.name ?? '') && !inRunState;
    return !inRunState;
  });
}
