import { evolveAccount, initialAccountState, type AccountCommand, type AccountEvent, type AccountState } from './account';
import { decideAccount } from './account-decide';
import type { Decider } from '../../platform/domain/decider';

/** The Account aggregate (stream `account#<id>`): its state is a balance, whatever its history. */
export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: initialAccountState,
  evolve: evolveAccount,
  decide: decideAccount,
  snapshots: { every: 100, stateVersion: 1 },
};
