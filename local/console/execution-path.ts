import { sagaSteps, type SagaHistoryEvent, type SagaStep } from '../../functions/platform/saga/saga-steps';
import type { AslGraph, GraphEdge } from './asl-graph';

/** A history event as GetExecutionHistory returns it, with the data the console shows. */
export type ConsoleHistoryEvent = SagaHistoryEvent & {
  stateEnteredEventDetails?: { name?: string; input?: string };
  stateExitedEventDetails?: { name?: string; output?: string };
  executionFailedEventDetails?: { error?: string; cause?: string };
};

/** A state the execution went through, with what it was given, what it gave and how its last try failed. */
export type PathStep = SagaStep & { input?: string; output?: string; error?: string; cause?: string };

/** An execution's way through its graph: the steps in order, and which edges it took. */
export type ExecutionPath = { steps: PathStep[]; taken: GraphEdge[] };

const FAILURE_DETAILS = ['taskFailedEventDetails', 'taskTimedOutEventDetails', 'lambdaFunctionFailedEventDetails', 'lambdaFunctionTimedOutEventDetails', 'executionFailedEventDetails'] as const;

/**
 * Reads an execution's history onto its graph: each state entered (status, attempts and retries,
 * as `GET /orders/{id}/saga` reads them, see functions/platform/saga/saga-steps.ts) with its input, output
 * and last error and cause; and each edge taken: a caught step left by its Catch, a retried step
 * by its Retry, any other by the edge that leads to the next step.
 */
export function executionPath(graph: AslGraph, history: ConsoleHistoryEvent[], executionStatus: string): ExecutionPath {
  const steps: PathStep[] = sagaSteps(history, executionStatus);
  let visit = -1;
  for (const event of history) {
    const step = steps[visit];
    if (event.type?.endsWith('StateEntered')) {
      visit += 1;
      const entered = steps[visit];
      if (entered) entered.input = event.stateEnteredEventDetails?.input;
    } else if (event.type?.endsWith('StateExited') && step) {
      step.output = event.stateExitedEventDetails?.output;
    } else if (step) {
      const failure = FAILURE_DETAILS.map((key) => event[key]).find((details) => details !== undefined);
      if (failure) Object.assign(step, { error: failure.error, cause: failure.cause });
    }
  }
  const taken: GraphEdge[] = [];
  steps.forEach((step, index) => {
    if (step.retries > 0) taken.push(...graph.edges.filter((e) => e.from === step.name && e.kind === 'retry'));
    const next = steps[index + 1];
    if (!next) return;
    const ways = graph.edges.filter((e) => e.from === step.name && e.to === next.name && e.kind !== 'retry');
    const edge = ways.find((e) => (step.status === 'caught' ? e.kind === 'catch' : e.kind !== 'catch')) ?? ways[0];
    if (edge) taken.push(edge);
  });
  return { steps, taken };
}
