import type { SFNClient } from '@aws-sdk/client-sfn';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isTransferEventOfType, transferStreamId } from '../domain';
import type { EventStore } from '../../platform/eventstore';
import { findingsRecorder, hasExecution, reconcileWindow, rowsInStatus, startOnce, type Finding } from '../../platform/reconcile/repairs';
import type { TransferSagaInput } from '../saga/transfer-step';

/** What the reconciler found wrong with one transfer, and whether it put it right. */
export type TransferFinding = Finding<{ kind: 'transfer-saga-missing'; transferId: string }>;

export type TransferReconcileReport = { checkedAt: string; transfersChecked: number; findings: TransferFinding[] };

export type TransferReconcileDependencies = {
  store: EventStore;
  client: DynamoDBDocumentClient;
  sfn: SFNClient;
  transfersTable: string;
  transfersByStatusIndex: string;
  stateMachineArn: string;
  now?: Date;
  /** A requested transfer this long without a saga execution is missing one (default 5 minutes). */
  sagaGraceMs?: number;
  /** Transfers requested this far back are checked (default 7 days). */
  lookbackMs?: number;
  /** Only these transfers; all of the window otherwise. */
  transferIds?: string[];
};

/**
 * Finds a requested transfer with no saga execution after the grace period, and starts its saga
 * (named by the transfer, so running this while the starter runs, or twice, is harmless).
 */
export async function reconcileTransfers(deps: TransferReconcileDependencies): Promise<TransferReconcileReport> {
  const { now, since, overdue } = reconcileWindow(deps);
  const { findings, attempt } = findingsRecorder<{ kind: 'transfer-saga-missing'; transferId: string }>();
  const view = { table: deps.transfersTable, index: deps.transfersByStatusIndex, id: 'transferId', since: 'requestedAt', wanted: deps.transferIds };
  const requested = await rowsInStatus(deps.client, view, 'requested', since);
  for (const { id: transferId } of requested.filter(overdue)) {
    await attempt({ kind: 'transfer-saga-missing', transferId }, () => startMissingTransferSaga(deps, transferId));
  }
  return { checkedAt: now.toISOString(), transfersChecked: requested.length, findings };
}

/** Starts the saga of a requested transfer that has none, under the correlation id of the request; false when it has one. */
async function startMissingTransferSaga(deps: TransferReconcileDependencies, transferId: string): Promise<boolean> {
  if (await hasExecution(deps.sfn, deps.stateMachineArn, transferId)) return false;
  const stream = await deps.store.load(transferStreamId(transferId));
  const requested = stream.events.find((event) => isTransferEventOfType(event, 'TransferRequested'));
  if (!requested) return false;
  const input: TransferSagaInput = { transferId, correlationId: requested.meta.correlationId };
  return startOnce(deps.sfn, deps.stateMachineArn, transferId, input);
}
