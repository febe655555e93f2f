import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { OrderEvent } from '../domain';
import { requireEnv } from '../config';
import { eventFromRecord } from '../eventstore';
import type { SagaInput } from './saga-context';

const sfn = new SFNClient({});
const stateMachineArn = requireEnv('ORDER_SAGA_ARN');

/**
 * Starts the order saga for each OrderPlaced. The execution is named by the order id, so a
 * redelivered record cannot start a second saga: Step Functions refuses the name.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  for (const record of event.Records) {
    const stored = eventFromRecord(record);
    if (stored.type !== 'OrderPlaced') continue;
    const { orderId, items, total, paymentMethodRef } = (stored as unknown as Extract<OrderEvent, { type: 'OrderPlaced' }>).data;
    const input: SagaInput = { orderId, lines: items.map(({ sku, quantity }) => ({ sku, quantity })), total, paymentMethodRef: paymentMethodRef ?? null };
    try {
      await sfn.send(new StartExecutionCommand({ stateMachineArn, name: orderId, input: JSON.stringify(input) }));
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) continue;
      console.error(JSON.stringify({ level: 'error', message: 'could not start the order saga', orderId, error: String(error) }));
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
