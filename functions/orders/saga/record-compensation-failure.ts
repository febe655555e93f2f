import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { emitBusinessMetric } from '../../platform/observability/business-metrics';
import { logger } from '../../platform/observability/logger';
import { failureReason, type CaughtFailure } from '../../platform/saga/failure-reason';
import { sagaStep, type StepInput } from './order-saga-step';
import { ORDERS_ENV } from '../contract/environment';

const client = documentClient();
const tableName = requireEnv(ORDERS_ENV.sagaFailuresTable);

export type CompensationFailureRecord = {
  orderId: string;
  recordedAt: string;
  /** Why the saga was compensating. */
  failure: string;
  /** The compensation's own error, after its retries. */
  error: string;
  cause: string;
};

/**
 * Records that an order's compensation failed: stock may still be held or a charge not refunded,
 * and a person must look. One row per order; a retry overwrites it with the same facts.
 */
export const handler = sagaStep('RecordCompensationFailure', async (input: StepInput & { failure?: CaughtFailure; compensationFailure?: CaughtFailure }): Promise<CompensationFailureRecord> => {
  const record: CompensationFailureRecord = {
    orderId: input.orderId,
    recordedAt: new Date().toISOString(),
    failure: failureReason(input.failure),
    error: input.compensationFailure?.Error ?? 'unknown',
    cause: failureReason(input.compensationFailure),
  };
  await client.send(new PutCommand({ TableName: tableName, Item: record }));
  emitBusinessMetric('CompensationFailed', {});
  logger.error('order saga compensation failed', { error: record.error });
  return record;
});
