import type { LocalStepFunctions } from './step-functions';

type Answer = { status: number; body: unknown };
type Body = Record<string, string | undefined>;

/** The awsJson1_0 protocol sends dates as epoch seconds. */
function wire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(wire);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, wire(v)]));
  return value;
}

/**
 * Answers a Step Functions API call (`X-Amz-Target: AWSStepFunctions.<action>`) with the shapes the
 * AWS SDK expects: StartExecution, DescribeExecution, GetExecutionHistory, ListExecutions (paged),
 * StopExecution, ListStateMachines and DescribeStateMachine. Errors carry their AWS `__type`, so the SDK raises the same exception classes.
 */
export async function handleStepFunctionsCall(sfn: LocalStepFunctions, action: string, body: unknown): Promise<Answer> {
  const input = (body ?? {}) as Body;
  try {
    switch (action) {
      case 'StartExecution':
        return ok(sfn.startExecution({ stateMachineArn: input.stateMachineArn ?? '', name: input.name, input: input.input }));
      case 'DescribeExecution':
        return ok(sfn.describeExecution(input.executionArn ?? ''));
      case 'GetExecutionHistory': {
        const { events } = sfn.getExecutionHistory(input.executionArn ?? '');
        return ok({ events: (body as { reverseOrder?: boolean }).reverseOrder ? [...events].reverse() : events });
      }
      case 'ListExecutions': {
        const { maxResults } = body as { maxResults?: number };
        return ok(sfn.listExecutions(input.stateMachineArn ?? '', input.statusFilter, { maxResults, nextToken: input.nextToken }));
      }
      case 'ListStateMachines':
        return ok(sfn.listStateMachines());
      case 'DescribeStateMachine':
        return ok(sfn.describeStateMachine(input.stateMachineArn ?? ''));
      case 'StopExecution':
        return ok(sfn.stopExecution(input.executionArn ?? '', input.error, input.cause));
      default:
        return { status: 400, body: { __type: 'UnknownOperationException', message: `the local Step Functions does not implement ${action}` } };
    }
  } catch (error) {
    const { name, message } = error as Error;
    return { status: 400, body: { __type: name, message } };
  }
}

function ok(value: unknown): Answer {
  return { status: 200, body: wire(value) };
}
