import { assertNever, type Money, type TransferEvent, type TransferStatus } from '../domain';

/** A row of the transfers view: what `GET /transfers/{id}` answers beside its saga. */
export type TransferView = {
  transferId: string;
  sourceAccountId: string;
  targetAccountId: string;
  amount: Money;
  requestedBy: string;
  requestedAt: string;
  status: TransferStatus;
  /** Why it was rejected or failed. */
  reason?: string;
  updatedAt: string;
  version: number;
};

const STATUS_AFTER: Record<Exclude<TransferEvent['type'], 'TransferRequested' | 'TransferRejected' | 'TransferFailed'>, TransferStatus> = {
  TransferDebited: 'debited',
  TransferCredited: 'credited',
  TransferDebitRefunded: 'refunded',
  TransferCompleted: 'completed',
};

/** Folds one transfer event into the view row (pure; the caller guarantees version order). */
export function applyTransferEvent(view: TransferView | undefined, event: TransferEvent, meta: { version: number; at: string }): TransferView {
  if (event.type === 'TransferRequested') {
    const { transferId, sourceAccountId, targetAccountId, amount, requestedBy, requestedAt } = event.data;
    return { transferId, sourceAccountId, targetAccountId, amount, requestedBy, requestedAt, status: 'requested', updatedAt: meta.at, version: meta.version };
  }
  if (!view) throw new Error(`${event.type} at version ${meta.version} has no TransferRequested before it`);
  const next = { ...view, updatedAt: meta.at, version: meta.version };
  switch (event.type) {
    case 'TransferDebited':
    case 'TransferCredited':
    case 'TransferDebitRefunded':
    case 'TransferCompleted':
      return { ...next, status: STATUS_AFTER[event.type] };
    case 'TransferRejected':
      return { ...next, status: 'rejected', reason: event.data.reason };
    case 'TransferFailed':
      return { ...next, status: 'failed', reason: event.data.reason };
    default:
      return assertNever(event);
  }
}
