import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { asAdmin, type ApiResponse } from './api';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { eventually } from './eventually';
import { clientConfig, testEnv } from './test-env';

/** A failure for the local runtime to inject (see local/faults.ts): test-only, never in a payload. */
import type { Fault } from '../../local/faults';
export type { Fault };

export async function injectFault(fault: Fault): Promise<void> {
  const { edgeUrl } = testEnv();
  const res = await fetch(`${edgeUrl}/_local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  if (res.status !== 204) throw new Error(`the local runtime refused the fault: ${res.status} ${await res.text()}`);
}

export type SagaView = {
  executionArn: string;
  status: string;
  path: string[];
  steps: { name: string; status: string; attempts: number; retries: number; errors: string[] }[];
  error?: string;
  output?: { outcome?: string; reason?: string };
  /** The saga failures table's row: every undo that failed (see functions/platform/saga/failed-undos.ts). */
  compensationFailure?: { orderId: string; failure: string; failedSteps: string[]; failedUndos: { step: string; error: string; cause: string }[] };
};

/** Waits for the order's saga to end and returns what `GET /orders/{id}/saga` says of it (asked as an admin, so any order's). */
export async function sagaEnded(orderId: string, timeoutMs = 45_000): Promise<SagaView> {
  const res: ApiResponse<SagaView> = await eventually(
    () => asAdmin<SagaView>('GET', `/orders/${orderId}/saga`),
    (r) => r.status === 200 && r.body.status !== 'RUNNING',
    { what: `the saga of order ${orderId} to end`, timeoutMs, intervalMs: 200 },
  );
  return res.body;
}

/**
 * How many executions Step Functions has of the saga named `name`, from ListExecutions; for an
 * Express state machine, which keeps no list, the runs of that name its runs table holds (one
 * at most: it is keyed by name, and a second start of the name ends at once without running).
 */
export async function executionsNamed(stateMachineArn: string, runsTable: string | undefined, name: string): Promise<number> {
  if (runsTable) {
    const client = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig('dynamodb')));
    const { Item } = await client.send(new GetCommand({ TableName: runsTable, Key: { sagaId: name }, ConsistentRead: true }));
    return Item ? 1 : 0;
  }
  const { executions } = await new SFNClient(clientConfig('edge')).send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }));
  return (executions ?? []).filter((e) => e.name === name).length;
}

/**
 * Everything Step Functions keeps of the order's saga, with its data, as text: a Standard
 * execution's history (GetExecutionHistory), or an Express execution's events in its log group
 * (FilterLogEvents on the execution its run names), Express having no history.
 */
export async function sagaRecord(orderId: string): Promise<string> {
  const { outputs } = testEnv();
  const runsTable = outputs?.OrderSagaRunsTableName;
  if (!runsTable) {
    const executionArn = `${outputs!.OrderSagaArn!.replace(':stateMachine:', ':execution:')}:${orderId}`;
    const history = await new SFNClient(clientConfig('edge')).send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: true, maxResults: 1000 }));
    return JSON.stringify(history.events);
  }
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig('dynamodb')));
  const { Item: run } = await client.send(new GetCommand({ TableName: runsTable, Key: { sagaId: orderId }, ConsistentRead: true }));
  const logs = new CloudWatchLogsClient(clientConfig('edge'));
  const { events } = await logs.send(new FilterLogEventsCommand({ logGroupName: outputs!.OrderSagaLogGroupName, filterPattern: `{ $.execution_arn = "${String(run?.executionArn)}" }` }));
  expect(events?.length).toBeGreaterThan(0);
  return JSON.stringify(events);
}

/** The event types of the order's payment stream, straight from the events table (of any target). */
export async function paymentEvents(orderId: string): Promise<string[]> {
  return eventTypes(`payment#${orderId}`);
}

/** The event types of the order's own stream, straight from the events table. */
export async function orderEvents(orderId: string): Promise<string[]> {
  return eventTypes(`order#${orderId}`);
}

/** The event types of a stream of the orders' events table (`reservation#<order>`, …), straight from the table. */
export async function eventTypes(streamId: string): Promise<string[]> {
  const { outputs } = testEnv();
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig('dynamodb')));
  const { Items } = await client.send(
    new QueryCommand({ TableName: outputs?.OrdersEventsTableName, KeyConditionExpression: 'streamId = :s', ExpressionAttributeValues: { ':s': streamId }, ConsistentRead: true }),
  );
  return (Items ?? []).map((item) => String(item.type));
}
