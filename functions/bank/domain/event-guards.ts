import { eventGuard, type UntypedEvent } from '../../platform/domain/event-guards';
import type { AccountEvent } from './account';
import type { TransferEvent } from './transfer';

/** Whether a stored event is one of the account decider's, by its type (and has data). */
export const isAccountEvent = eventGuard<AccountEvent>({
  AccountOpened: true,
  MoneyDeposited: true,
  MoneyWithdrawn: true,
  AccountDebitedForTransfer: true,
  AccountCreditedFromTransfer: true,
  TransferRefunded: true,
  AccountClosed: true,
});

/** Whether a stored event is one of the transfer decider's, by its type (and has data). */
export const isTransferEvent = eventGuard<TransferEvent>({
  TransferRequested: true,
  TransferDebited: true,
  TransferCredited: true,
  TransferDebitRefunded: true,
  TransferCompleted: true,
  TransferRejected: true,
  TransferFailed: true,
});

/** Whether an event is the transfer event of this type (see {@link isTransferEvent}). */
export function isTransferEventOfType<E extends UntypedEvent, T extends TransferEvent['type']>(event: E, type: T): event is E & Extract<TransferEvent, { type: T }> {
  return event.type === type && isTransferEvent(event);
}
