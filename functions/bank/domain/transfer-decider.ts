import type { Decider } from '../../platform/domain/decider';
import { evolveTransfer, initialTransferState, type TransferCommand, type TransferEvent, type TransferState } from './transfer';
import { decideTransfer } from './transfer-decide';

/** The Transfer aggregate (stream `transfer#<id>`): what its saga did, each leg once. */
export const transferDecider: Decider<TransferCommand, TransferEvent, TransferState> = {
  initialState: initialTransferState,
  evolve: evolveTransfer,
  decide: decideTransfer,
  // A transfer stream is a handful of events: the policy versions the state's shape all the same.
  snapshots: { every: 20, stateVersion: 1 },
};
