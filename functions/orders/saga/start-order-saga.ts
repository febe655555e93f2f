import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { requireEnv } from '../../platform/config';
import { orderEventOf } from './order-bus-event';
import { effectConsumer } from '../../platform/effects/effect-consumer';
import { effectQueuesFromEnv } from '../../platform/effects/queues-from-env';
import { sagaInputOf } from './saga-context';
import { ORDERS_ENV } from '../contract/environment';

const sfn = new SFNClient({});
const stateMachineArn = requireEnv(ORDERS_ENV.orderSagaArn);

/**
 * Starts the order saga for each OrderPlaced, from the saga-starts queue (a durable path: the
 * event waits there, retried with backoff, however long Step Functions is unavailable). The
 * execution is named by the order id, so a redelivered message cannot start a second saga: Standard
 * refuses the name again, and an Express execution (which starts at least once and keeps no names)
 * finds the run of that name claimed and ends at once (lib/platform/saga-state-machine.ts).
 */
export const handler = effectConsumer(effectQueuesFromEnv(), async (event) => {
  const placed = orderEventOf(event, 'OrderPlaced');
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name: placed.data.orderId, input: JSON.stringify(sagaInputOf(placed, event.detail.correlationId ?? placed.data.orderId)) }));
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
});
