import { QueryCommand } from '@aws-sdk/lib-dynamodb';
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
