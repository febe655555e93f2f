import type { SagaExecutions } from '../../platform/saga/saga-executions';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isTransferEventOfType, transferDecider, transferEndReason, transferStreamId } from '../domain';
import { decideAndAppend, loadState, type AppendContext, type EventStore } from '../../platform/eventstore';
import { findingsRecorder, MINUTE, reconcileWindow, rowsInStatus, type Finding, type StrandingStatus } from '../../platform/reconcile/repairs';
import { applyTransferLeg } from '../saga/transfer-legs';
import type { TransferSagaInput } from '../saga/transfer-step';

/** What the reconciler found wrong with one transfer, and whether it put it right. */
export type TransferFinding = Finding<{ kind: 'transfer-saga-missing' | 'transfer-stranded'; transferId: string }>;

export type TransferReconcileReport = { checkedAt: string; transfersChecked: number; findings: TransferFinding[] };

export type TransferReconcileDependencies = {
  store: EventStore;
  client: DynamoDBDocumentClient;
  executions: SagaExecutions;
  transfersTable: string;
  transfersByStatusIndex: string;
  now?: Date;
  /** A requested transfer this long without a saga execution is missing one (default 5 minutes). */
  sagaGraceMs?: number;
  /** Transfers requested this far back are checked (default 7 days). */
  lookbackMs?: number;
  /** Only these transfers; all of the window otherwise. */
  transferIds?: string[];
};

/**
 * Finds and repairs, with the saga's own idempotent commands (so running it while a saga runs, or
 * twice, is harmless):
 * - a requested transfer with no saga execution after the grace period: its saga is started
 *   (named by the transfer);
 * - a transfer left open by an execution that failed, timed out or was aborted (a debit with no
 *   credit leaves the source short for good): it is ended as its saga would have, completed if the
 *   target was credited, otherwise the source refunded and the transfer failed.
 */
export async function reconcileTransfers(deps: TransferReconcileDependencies): Promise<TransferReconcileReport> {
  const { now, since, overdue } = reconcileWindow(deps);
  const { findings, attempt } = findingsRecorder<{ kind: TransferFinding['kind']; transferId: string }>();
  const view = { table: deps.transfersTable, index: deps.transfersByStatusIndex, id: 'transferId', since: 'requestedAt', wanted: deps.transferIds };
  const context = (transferId: string): AppendContext => ({ correlationId: transferId, causationId: `reconciler:${now.toISOString()}`, actor: 'reconciler' });
  const requested = await rowsInStatus(deps.client, view, 'requested', since);
  for (const { id: transferId } of requested.filter(overdue)) {
    await attempt({ kind: 'transfer-saga-missing', transferId }, () => startMissingTransferSaga(deps, transferId));
  }
  const stranded = await deps.executions.strandedSince({ since, wanted: deps.transferIds });
  for (const { name: transferId, status } of stranded) {
    await attempt({ kind: 'transfer-stranded', transferId }, () => endStrandedTransfer(deps, transferId, status, context(transferId)));
  }
  return { checkedAt: now.toISOString(), transfersChecked: requested.length + stranded.length, findings };
}

/** Starts the saga of a requested transfer that has none, under the correlation id of the request; false when it has one. */
async function startMissingTransferSaga(deps: TransferReconcileDependencies, transferId: string): Promise<boolean> {
  if (await deps.executions.exists(transferId)) return false;
  const stream = await deps.store.load(transferStreamId(transferId));
  const requested = stream.events.find((event) => isTransferEventOfType(event, 'TransferRequested'));
  if (!requested) return false;
  const input: TransferSagaInput = { transferId, correlationId: requested.meta.correlationId };
  return deps.executions.start(transferId, input);
}

/**
 * Ends a transfer whose execution ended without ending it: refunds the source (nothing when
 * nothing was debited or it was refunded already) and fails the transfer, or, when the target
 * was credited after all, completes it. False when the transfer had ended already (most failed
 * executions end it: TransferFailed).
 */
async function endStrandedTransfer(deps: TransferReconcileDependencies, transferId: string, ended: StrandingStatus, context: AppendContext): Promise<boolean> {
  const leg = await applyTransferLeg(deps.store, transferId, 'refund', context, Date.now() + MINUTE);
  const streamId = transferStreamId(transferId);
  const { state } = await loadState(deps.store, transferDecider, streamId);
  const now = new Date().toISOString();
  const reason = transferEndReason(state, { rejected: false, detail: `its saga's execution ended ${ended}` });
  const { events } = await decideAndAppend({
    store: deps.store,
    decider: transferDecider,
    streamId,
    command: leg === 'credited' ? { type: 'CompleteTransfer', data: { transferId }, metadata: { now } } : { type: 'FailTransfer', data: { transferId, reason }, metadata: { now } },
    context,
  });
  return leg === 'applied' || events.length > 0;
}
