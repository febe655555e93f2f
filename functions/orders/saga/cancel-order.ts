import { orderDecider, orderStreamId, eventSchemas, paymentDecider, paymentStreamId } from '../domain';
import { eventStoreFromEnv } from '../../platform/clients';
import { decideAndAppend, loadState } from '../../platform/eventstore';
import { emitBusinessMetric } from '../../platform/observability/business-metrics';
import { failureReason, type CaughtFailure } from '../../platform/saga/failure-reason';
import { failureNotice, isBusinessRejection } from './order-rejection';
import { logger } from '../../platform/observability/logger';
import { sagaContext } from './saga-context';
import { sagaStep, type StepInput } from './order-saga-step';

const store = eventStoreFromEnv(eventSchemas);

/** `reason` is what the customer reads; `detail` is the failure itself, for operators. */
export type SagaOutcome = { orderId: string; outcome: 'rejected' | 'cancelled'; reason: string; detail: string };

/**
 * Saga compensation, last in line: a business rejection (no stock, payment declined) rejects the
 * order with the rule's own words; any other failure cancels it with a fixed notice that says what
 * became of the money (read from the payment's stream, after the refund step), and its detail goes
 * to the log and to the execution (CancelledAfterFailure's cause). Running twice is a no-op.
 */
export const handler = sagaStep('CancelOrder', async (input: StepInput & { failure?: CaughtFailure }): Promise<SagaOutcome> => {
  const detail = failureReason(input.failure);
  const now = new Date().toISOString();
  const rejected = isBusinessRejection(input.failure);
  const { state: payment } = await loadState(store, paymentDecider, paymentStreamId(input.orderId));
  const reason = rejected ? detail : failureNotice(payment.status);
  if (!rejected) logger.error('order saga failed; cancelling the order', { error: input.failure?.Error, detail });
  const { events } = await decideAndAppend({
    store,
    decider: orderDecider,
    streamId: orderStreamId(input.orderId),
    command: rejected
      ? { type: 'RejectOrder', data: { orderId: input.orderId, reason }, metadata: { now } }
      : { type: 'CancelOrder', data: { orderId: input.orderId, reason, by: 'saga' }, metadata: { now } },
    context: sagaContext(input, 'CancelOrder'),
  });
  // Counted when the outcome is recorded, not on a retry that finds it recorded already.
  if (events.length > 0) emitBusinessMetric('SagaCompensations', { step: 'CancelOrder' });
  if (events.length > 0 && rejected) emitBusinessMetric('OrdersRejected', { reason: input.failure?.Error ?? 'unknown' });
  if (events.length > 0 && !rejected) {
    emitBusinessMetric('OrdersCancelled', { by: 'saga' });
    emitBusinessMetric('CancelledAfterFailure', {});
  }
  return { orderId: input.orderId, outcome: rejected ? 'rejected' : 'cancelled', reason, detail };
});
