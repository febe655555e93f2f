import type { AccountEvent, TransferEvent } from '../domain';

/**
 * The bank's integration events: what it tells the rest of the system on the bus, and all a rule
 * anywhere may listen for. Accounts opened and closed, and transfers asked for and how they ended.
 * The money movements of a transfer's legs and of deposits stay inside the context.
 */
export const PUBLISHED_EVENTS = ['AccountOpened', 'AccountClosed', 'TransferRequested', 'TransferCompleted', 'TransferRejected', 'TransferFailed'] as const satisfies readonly (
  | AccountEvent['type']
  | TransferEvent['type']
)[];
