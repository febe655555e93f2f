import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { documentClient } from '../clients';
import { requireEnv } from '../config';
import { eventSchemas } from '../domain';
import { eventFromRecord } from '../eventstore';
import { orderEffectsProjector } from './order-effects';

const project = orderEffectsProjector(documentClient(), requireEnv('ORDER_EFFECTS_TABLE'));

/**
 * Stream consumer: payment and stock events → what was done about each order's money and stock.
 * Each write is guarded by its stream's version, so records are applied in any order; a record
 * that fails is reported and retried from there.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  for (const record of event.Records) {
    try {
      await project(eventFromRecord(record, eventSchemas));
    } catch (error) {
      console.error(JSON.stringify({ level: 'error', message: 'order effects projection failed', eventID: record.eventID, error: String(error) }));
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
