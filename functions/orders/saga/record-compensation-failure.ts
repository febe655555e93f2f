import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { emitBusinessMetric } from '../../platform/observability/business-metrics';
import { logger } from '../../platform/observability/logger';
import { failedUndoOf, recordFailedUndo, type FailedUndo, type FailedUndoInput } from '../../platform/saga/failed-undos';
import { ENV } from '../../platform/contract/environment';
import { openCompensationItem } from '../../platform/inbox/compensation-item';
import { InboxStore } from '../../platform/inbox/inbox-store';
import { failureReason } from '../../platform/saga/failure-reason';
import { sagaStep, type StepInput } from './order-saga-step';
import { ORDERS_ENV } from '../contract/environment';

const client = documentClient();
const tableName = requireEnv(ORDERS_ENV.sagaFailuresTable);
const inbox = new InboxStore(client, requireEnv(ENV.inboxTable));
const retryTarget = requireEnv(ENV.inboxRetryTarget);

/**
 * Records an undo of an order's compensation that failed after its retries (a charge not
 * refunded, stock still held, the order not ended), for a person to finish; the saga then goes on
 * to the next undo. One row per order lists every undo that failed (see recordFailedUndo); a
 * retry records nothing twice. Counted (CompensationFailed) once per failed undo. The order is put
 * in the operator's inbox, where a retry runs the orders' reconciler on it.
 */
export const handler = sagaStep('RecordCompensationFailure', async (input: StepInput & FailedUndoInput): Promise<FailedUndo> => {
  const undo = failedUndoOf(input, new Date().toISOString());
  const firstTime = await recordFailedUndo(client, tableName, { orderId: input.orderId }, input.failure, undo);
  if (firstTime) emitBusinessMetric('CompensationFailed', {});
  await openCompensationItem(inbox, { saga: 'order', subjectId: input.orderId, failure: failureReason(input.failure), undo, retryTarget }, firstTime);
  logger.error('order saga compensation failed', { step: undo.step, error: undo.error });
  return undo;
});
