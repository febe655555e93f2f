import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, eventStoreFromEnv } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { transferDecider, transferStreamId, type Money, eventSchemas } from '../domain';
import { loadState } from '../../platform/eventstore';
import { emitBusinessMetric } from '../../platform/observability/business-metrics';
import { logger } from '../../platform/observability/logger';
import { failureReason, type CaughtFailure } from '../../platform/saga/failure-reason';
import { transferStep, type TransferStepInput } from './transfer-step';
import { BANK_ENV } from '../contract/environment';

const client = documentClient();
const store = eventStoreFromEnv(eventSchemas, client);
const tableName = requireEnv(BANK_ENV.transferFailuresTable);

export type TransferFailureRecord = {
  transferId: string;
  recordedAt: string;
  /** Where the transfer stands in its own stream: `debited` means the source is owed `amount`. */
  transferStatus: string;
  sourceAccountId?: string;
  targetAccountId?: string;
  amount?: Money;
  /** Why the saga was compensating (or, for a completion that failed, nothing). */
  failure: string;
  /** The compensation's own error, after its retries. */
  error: string;
  cause: string;
};

/**
 * Records that a transfer's compensation (giving the source its money back) or its completion
 * failed after every retry: a person must look, and the record says what is owed to whom, from
 * the transfer's own stream. One row per transfer; a retry overwrites it with the same facts.
 */
export const handler = transferStep(
  'RecordTransferFailure',
  async (input: TransferStepInput & { failure?: CaughtFailure; compensationFailure?: CaughtFailure }): Promise<TransferFailureRecord> => {
    const { state } = await loadState(store, transferDecider, transferStreamId(input.transferId));
    const facts = state.status === 'none' ? { transferStatus: 'none' } : { transferStatus: state.status, sourceAccountId: state.sourceAccountId, targetAccountId: state.targetAccountId, amount: state.amount };
    const record: TransferFailureRecord = {
      transferId: input.transferId,
      recordedAt: new Date().toISOString(),
      ...facts,
      failure: input.failure ? failureReason(input.failure) : 'none',
      error: input.compensationFailure?.Error ?? 'unknown',
      cause: failureReason(input.compensationFailure),
    };
    await client.send(new PutCommand({ TableName: tableName, Item: record }));
    emitBusinessMetric('CompensationFailed', {});
    logger.error('transfer saga compensation failed', { error: record.error, transferStatus: record.transferStatus });
    return record;
  },
);
