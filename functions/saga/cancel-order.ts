import { orderDecider, orderStreamId } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { decideAndAppend } from '../eventstore';
import { failureReason, isBusinessRejection, type CaughtFailure } from './failure-reason';
import { sagaContext } from './saga-context';

const store = eventStoreFromEnv();

export type SagaOutcome = { orderId: string; outcome: 'rejected' | 'cancelled'; reason: string };

/**
 * Saga compensation, last in line: a business rejection (no stock, payment declined) rejects the
 * order; any other failure cancels it. Either way the reason is the failure's own words, and
 * running twice is a no-op.
 */
export async function handler(input: { orderId: string; failure?: CaughtFailure }): Promise<SagaOutcome> {
  const reason = failureReason(input.failure);
  const now = new Date().toISOString();
  const rejected = isBusinessRejection(input.failure);
  await decideAndAppend({
    store,
    decider: orderDecider,
    streamId: orderStreamId(input.orderId),
    command: rejected
      ? { type: 'RejectOrder', data: { orderId: input.orderId, reason }, metadata: { now } }
      : { type: 'CancelOrder', data: { orderId: input.orderId, reason, by: 'saga' }, metadata: { now } },
    context: sagaContext(input.orderId, 'CancelOrder'),
  });
  return { orderId: input.orderId, outcome: rejected ? 'rejected' : 'cancelled', reason };
}
