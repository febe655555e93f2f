import { eventStoreFromEnv } from '../../platform/clients';
import { transferDecider, transferStreamId, eventSchemas } from '../domain';
import { decideAndAppend } from '../../platform/eventstore';
import { transferContext, transferStep, type TransferStepInput } from './transfer-step';

const store = eventStoreFromEnv(eventSchemas);

/** Transfer saga step, last: records the transfer as completed (running twice records nothing). */
export const handler = transferStep('CompleteTransfer', async (input: TransferStepInput): Promise<{ transferId: string; outcome: 'completed' }> => {
  const now = new Date().toISOString();
  await decideAndAppend({
    store,
    decider: transferDecider,
    streamId: transferStreamId(input.transferId),
    command: { type: 'CompleteTransfer', data: { transferId: input.transferId }, metadata: { now } },
    context: transferContext(input, 'CompleteTransfer'),
  });
  return { transferId: input.transferId, outcome: 'completed' };
});
