import { AccountNotFound, mayAccessOwned, type AccountState, type Caller } from '../domain';

/**
 * `authorize` of the account command routes: the account's owner or an admin. Anyone else is
 * told the account does not exist, exactly as for an account that does not.
 */
export function accountOwnerOnly(caller: Caller, state: AccountState): void {
  if (state.status !== 'none' && !mayAccessOwned(caller, state.ownerId)) throw new AccountNotFound({ accountId: state.accountId });
}
