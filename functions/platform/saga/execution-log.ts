import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EXPRESS_LIMIT_MS } from './saga-runs';
import type { SagaHistoryEvent } from './saga-steps';

/** One event of an Express execution, as Step Functions writes it to the state machine's log group. */
export type ExecutionLogEvent = { id: string; type: string; details?: Record<string, unknown>; event_timestamp: string; execution_arn: string; previous_event_id?: string };

/** Clocks apart: the run's start as recorded, and its events' timestamps. */
const SLACK_MS = 60_000;

/**
 * An execution's events from its state machine's log group (what Express keeps instead of a
 * history: FilterLogEvents on the execution's ARN), oldest first, shaped as GetExecutionHistory's
 * events so that one reading (saga-steps.ts) serves both types. `since` (the run's start) bounds
 * the search, from a minute before it to a minute past the 5 minutes an Express run may last: a
 * log group holds every execution's events. Events reach the log a few seconds
 * after they happen, so a running execution's may be short of its latest step.
 */
export async function executionLog(logs: CloudWatchLogsClient, logGroupName: string, executionArn: string, since: Date): Promise<SagaHistoryEvent[]> {
  const found: ExecutionLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(
      new FilterLogEventsCommand({ logGroupName, filterPattern: `{ $.execution_arn = "${executionArn}" }`, startTime: since.getTime() - SLACK_MS, endTime: since.getTime() + EXPRESS_LIMIT_MS + SLACK_MS, nextToken }),
    );
    for (const event of page.events ?? []) found.push(JSON.parse(event.message ?? '{}') as ExecutionLogEvent);
    nextToken = page.nextToken;
  } while (nextToken);
  return found.sort((a, b) => Number(a.id) - Number(b.id)).map(historyEventOf);
}

/** A log event as a history event: its details under the field GetExecutionHistory names for its type (`TaskFailed` → `taskFailedEventDetails`). */
export function historyEventOf(event: ExecutionLogEvent): SagaHistoryEvent {
  const details = event.details ?? {};
  const field = event.type.endsWith('StateEntered') ? 'stateEnteredEventDetails' : event.type.endsWith('StateExited') ? 'stateExitedEventDetails' : `${event.type.charAt(0).toLowerCase()}${event.type.slice(1)}EventDetails`;
  return { type: event.type, timestamp: new Date(Number(event.event_timestamp)), [field]: details } as SagaHistoryEvent;
}
