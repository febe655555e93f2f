import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { requireEnv } from '../../platform/config';
import { isTransferEventOfType } from '../domain';
import { MalformedMessage } from '../../platform/effects/bus-event';
import { effectConsumer } from '../../platform/effects/effect-consumer';
import { effectQueuesFromEnv } from '../../platform/effects/queues-from-env';
import type { TransferSagaInput } from './transfer-step';
import { BANK_ENV } from '../contract/environment';

const sfn = new SFNClient({});
const stateMachineArn = requireEnv(BANK_ENV.transferSagaArn);

/**
 * Starts the transfer saga for each TransferRequested, from its queue (a durable path: the event
 * waits there, retried with backoff, however long Step Functions is unavailable). The execution
 * is named by the transfer id, so a redelivered message cannot move the money twice (Standard
 * refuses the name again; an Express run finds the name claimed and ends: lib/platform/saga-state-machine.ts).
 */
export const handler = effectConsumer(effectQueuesFromEnv(), async (event) => {
  const carried = { type: event.type, data: event.detail.data };
  if (!isTransferEventOfType(carried, 'TransferRequested')) throw new MalformedMessage(`expected TransferRequested, got ${event.type}: is the rule's pattern right?`);
  const { transferId } = carried.data;
  const input: TransferSagaInput = { transferId, correlationId: event.detail.correlationId ?? transferId };
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name: transferId, input: JSON.stringify(input) }));
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
});
