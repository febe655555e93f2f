import { randomUUID } from 'node:crypto';
import { accountDecider, AccountNotFound, accountStreamId, mayAccessOwned, transferDecider, transferStreamId, type TransferCommand } from '../domain';
import { loadState } from '../../platform/eventstore';
import { commandRoute } from '../../platform/http/command-route';
import { TransferBody } from '../http/requests';
import { idempotency, store } from './dependencies';

/**
 * POST /transfers: asks to move money from one of the caller's accounts (an admin: any) to any
 * account, by id. It needs an Idempotency-Key: a retried request must never move the money
 * twice. The transfer is recorded (202) and its saga takes it from there (debit, credit, or the
 * refund of the debit); `GET /transfers/{id}` follows it. Whether the source can cover it and
 * the target can take it is the saga's to find out: the answer here is only "asked", unless the
 * request says `Prefer: wait=<seconds>` (at most 10): then 200 with the transfer once it has
 * completed, been rejected or failed within the wait.
 */
export const handler = commandRoute({
  store,
  idempotency,
  decider: transferDecider,
  access: 'signed-in',
  idempotencyKey: 'required',
  body: TransferBody,
  status: 202,
  outcome: (transfer) => transfer.status === 'completed' || transfer.status === 'rejected' || transfer.status === 'failed',
  prepare: async ({ body, caller, now }) => {
    const { state: source } = await loadState(store, accountDecider, accountStreamId(body.sourceAccountId));
    // Another customer's account is answered as a missing one.
    if (source.status === 'none' || !mayAccessOwned(caller, source.ownerId)) throw new AccountNotFound({ accountId: body.sourceAccountId });
    const transferId = randomUUID();
    return {
      streamId: transferStreamId(transferId),
      newStream: true,
      command: { type: 'RequestTransfer', data: { transferId, ...body, requestedBy: caller.id }, metadata: { now } } satisfies TransferCommand,
      location: `/transfers/${transferId}`,
    };
  },
});
