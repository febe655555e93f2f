import { documentClient, eventStoreFromEnv } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { transferDecider, transferStreamId, eventSchemas } from '../domain';
import { loadState } from '../../platform/eventstore';
import { emitBusinessMetric } from '../../platform/observability/business-metrics';
import { logger } from '../../platform/observability/logger';
import { failedUndoOf, recordFailedUndo, type FailedUndo, type FailedUndoInput } from '../../platform/saga/failed-undos';
import { ENV } from '../../platform/contract/environment';
import { openCompensationItem } from '../../platform/inbox/compensation-item';
import { InboxStore } from '../../platform/inbox/inbox-store';
import { failureReason } from '../../platform/saga/failure-reason';
import { transferStep, type TransferStepInput } from './transfer-step';
import { BANK_ENV } from '../contract/environment';

const client = documentClient();
const store = eventStoreFromEnv(eventSchemas, client);
const tableName = requireEnv(BANK_ENV.transferFailuresTable);
const inbox = new InboxStore(client, requireEnv(ENV.inboxTable));
const retryTarget = requireEnv(ENV.inboxRetryTarget);

/**
 * Records a step of a transfer's compensation (giving the source its money back, ending the
 * transfer) or its completion that failed after every retry: a person must look. One row per
 * transfer names every step that failed (see recordFailedUndo) with the transfer's accounts and
 * amount; each failed step keeps `transferStatus`, where the transfer stood in its own stream when
 * it failed (`debited`: the source was owed the amount). A later step may still have paid it
 * back (EndTransfer refunds first): the transfer's own status says what is owed now. The transfer
 * is put in the operator's inbox, where a retry runs the bank's reconciler on it.
 */
export const handler = transferStep('RecordTransferFailure', async (input: TransferStepInput & FailedUndoInput): Promise<FailedUndo> => {
  const { state } = await loadState(store, transferDecider, transferStreamId(input.transferId));
  const undo = failedUndoOf(input, new Date().toISOString(), { transferStatus: state.status });
  const facts = state.status === 'none' ? {} : { sourceAccountId: state.sourceAccountId, targetAccountId: state.targetAccountId, amount: state.amount };
  const firstTime = await recordFailedUndo(client, tableName, { transferId: input.transferId }, input.failure, undo, facts);
  if (firstTime) emitBusinessMetric('CompensationFailed', {});
  await openCompensationItem(inbox, { saga: 'transfer', subjectId: input.transferId, failure: failureReason(input.failure), undo, facts, retryTarget }, firstTime);
  logger.error('transfer saga compensation failed', { step: undo.step, error: undo.error, transferStatus: state.status });
  return undo;
});
