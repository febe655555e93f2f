import { orderDecider, orderStreamId } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { decideAndAppend } from '../eventstore';
import { failureReason, type CaughtFailure } from './failure-reason';
import { sagaContext } from './saga-context';

const store = eventStoreFromEnv();

/** Saga compensation: cancels the order with the reason the saga failed; cancelling twice is a no-op. */
export async function handler(input: { orderId: string; failure?: CaughtFailure }): Promise<{ orderId: string; reason: string }> {
  const reason = failureReason(input.failure);
  await decideAndAppend({
    store,
    decider: orderDecider,
    streamId: orderStreamId(input.orderId),
    command: { type: 'CancelOrder', data: { orderId: input.orderId, reason, by: 'saga' }, metadata: { now: new Date().toISOString() } },
    context: sagaContext(input.orderId, 'CancelOrder'),
  });
  return { orderId: input.orderId, reason };
}
