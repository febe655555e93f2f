import { orderDecider, orderStreamId, eventSchemas } from '../domain';
import { eventStoreFromEnv } from '../../platform/clients';
import { decideAndAppend } from '../../platform/eventstore';
import { emitBusinessMetric } from '../../platform/observability/business-metrics';
import { sagaContext } from './saga-context';
import { sagaStep, type StepInput } from './order-saga-step';

const store = eventStoreFromEnv(eventSchemas);

/**
 * Saga step: confirms the order; confirming twice is a no-op. The confirmation is counted
 * (OrdersConfirmed, and the time since the order was placed) when it is recorded, not on a retry.
 */
export const handler = sagaStep('ConfirmOrder', async (input: StepInput & { placedAt?: string }): Promise<{ confirmedAt: string }> => {
  const now = new Date().toISOString();
  const { events } = await decideAndAppend({
    store,
    decider: orderDecider,
    streamId: orderStreamId(input.orderId),
    command: { type: 'ConfirmOrder', data: { orderId: input.orderId }, metadata: { now } },
    context: sagaContext(input, 'ConfirmOrder'),
  });
  if (events.length > 0) {
    emitBusinessMetric('OrdersConfirmed', {});
    if (input.placedAt) emitBusinessMetric('PlaceToConfirmedLatency', {}, Date.parse(now) - Date.parse(input.placedAt));
  }
  return { confirmedAt: now };
});
