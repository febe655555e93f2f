import { orderDecider, orderStreamId } from '../domain';
import { eventStoreFromEnv } from '../clients';
import { decideAndAppend } from '../eventstore';
import { sagaContext } from './saga-context';

const store = eventStoreFromEnv();

/** Saga step: confirms the order; confirming twice is a no-op. */
export async function handler(input: { orderId: string }): Promise<{ confirmedAt: string }> {
  const now = new Date().toISOString();
  await decideAndAppend({
    store,
    decider: orderDecider,
    streamId: orderStreamId(input.orderId),
    command: { type: 'ConfirmOrder', data: { orderId: input.orderId }, metadata: { now } },
    context: sagaContext(input.orderId, 'ConfirmOrder'),
  });
  return { confirmedAt: now };
}
