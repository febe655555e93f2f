import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { emitBusinessMetric } from '../../platform/observability/business-metrics';
import { logger } from '../../platform/observability/logger';
import { failedUndoOf, recordFailedUndo, type FailedUndo, type FailedUndoInput } from '../../platform/saga/failed-undos';
import { sagaStep, type StepInput } from './order-saga-step';
import { ORDERS_ENV } from '../contract/environment';

const client = documentClient();
const tableName = requireEnv(ORDERS_ENV.sagaFailuresTable);

/**
 * Records an undo of an order's compensation that failed after its retries (a charge not
 * refunded, stock still held, the order not ended), for a person to finish; the saga then goes on
 * to the next undo. One row per order lists every undo that failed (see recordFailedUndo); a
 * retry records nothing twice. Counted (CompensationFailed) once per failed undo.
 */
export const handler = sagaStep('RecordCompensationFailure', async (input: StepInput & FailedUndoInput): Promise<FailedUndo> => {
  const undo = failedUndoOf(input, new Date().toISOString());
  if (await recordFailedUndo(client, tableName, { orderId: input.orderId }, input.failure, undo)) emitBusinessMetric('CompensationFailed', {});
  logger.error('order saga compensation failed', { step: undo.step, error: undo.error });
  return undo;
});
