import { DescribeExecutionCommand, ExecutionAlreadyExists, ExecutionDoesNotExist, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isOrderEventOfType, isTransferEventOfType, orderDecider, orderStreamId, transferStreamId, type OrderStatus } from '../../platform/domain';
import { stateOfStream, type EventStore } from '../../platform/eventstore';
import type { PaymentGateway } from '../payments/payment-gateway';
import { refundOrder } from '../saga/refund-order';
import { releaseOrderStock } from '../stock/order-stock';
import type { StockLevels } from '../stock/stock-levels';
import { sagaInputOf } from '../saga/saga-context';
import { executionArnOf } from '../../platform/saga/saga-report';
import type { TransferSagaInput } from '../../bank/saga/transfer-step';

/** What the reconciler found wrong with one order or transfer, and whether it put it right. */
export type Finding = Subject & { repaired: boolean; error?: string };
type Subject = { kind: 'saga-missing' | 'refund-owed' | 'stock-held'; orderId: string } | { kind: 'transfer-saga-missing'; transferId: string };

export type ReconcileReport = { checkedAt: string; ordersChecked: number; transfersChecked: number; findings: Finding[] };

/** Where the transfers are, for the transfer checks: the transfers view, its status index, the transfer saga. */
export type TransferReconcileDependencies = { transfersTable: string; transfersByStatusIndex: string; stateMachineArn: string; transferIds?: string[] };

export type ReconcileDependencies = {
  store: EventStore;
  levels: StockLevels;
  client: DynamoDBDocumentClient;
  sfn: SFNClient;
  gateway: PaymentGateway;
  ordersTable: string;
  ordersByStatusIndex: string;
  stateMachineArn: string;
  now?: Date;
  /** A placed order this long without a saga execution is missing one (default 5 minutes). */
  sagaGraceMs?: number;
  /** Orders created this far back are checked (default 7 days). */
  lookbackMs?: number;
  /** Only these orders (an operator looking at a few); all of the window otherwise. */
  orderIds?: string[];
  /** The transfers to check too: requested ones with no saga execution after the grace period. */
  transfers?: TransferReconcileDependencies;
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Finds and repairs what slipped through every durable path anyway, with the same idempotent
 * commands the saga and the effects use (so running it while they run, or twice, is harmless):
 * - a placed order with no saga execution after a grace period: its saga is started;
 * - a cancelled or rejected order whose charge was not refunded: it is refunded;
 * - stock still held (reserved, or sold and not shipped) by a cancelled or rejected order: it
 *   goes back on the shelf.
 * - a requested transfer with no saga execution after the grace period: its saga is started.
 * Orders and transfers are found through their views by status, within the lookback window.
 */
export async function reconcile(deps: ReconcileDependencies): Promise<ReconcileReport> {
  const now = deps.now ?? new Date();
  const since = new Date(now.getTime() - (deps.lookbackMs ?? 7 * DAY)).toISOString();
  const findings: Finding[] = [];
  const context = (orderId: string) => ({ correlationId: orderId, causationId: `reconciler:${now.toISOString()}`, actor: 'reconciler' });
  const attempt = async (about: Subject, repair: () => Promise<boolean>) => {
    try {
      if (await repair()) findings.push({ ...about, repaired: true });
    } catch (error) {
      findings.push({ ...about, repaired: false, error: String(error) });
    }
  };
  const graceMs = deps.sagaGraceMs ?? 5 * MINUTE;

  const orders: StatusIndex = { table: deps.ordersTable, index: deps.ordersByStatusIndex, id: 'orderId', since: 'createdAt', wanted: deps.orderIds };
  const placed = await rowsIn(deps, orders, 'placed', since);
  for (const { id: orderId, updatedAt } of placed) {
    if (now.getTime() - Date.parse(updatedAt) < graceMs) continue;
    await attempt({ kind: 'saga-missing', orderId }, () => startMissingSaga(deps, orderId));
  }
  const ended = [...(await rowsIn(deps, orders, 'cancelled', since)), ...(await rowsIn(deps, orders, 'rejected', since))];
  for (const { id: orderId } of ended) {
    await attempt({ kind: 'refund-owed', orderId }, async () => Boolean((await refundOrder(deps.store, deps.gateway, orderId, context(orderId))).refundId));
    await attempt({ kind: 'stock-held', orderId }, () => releaseOrderStock(deps, orderId, context(orderId), Date.now() + MINUTE));
  }
  const transfers = deps.transfers;
  const requested = transfers
    ? await rowsIn(deps, { table: transfers.transfersTable, index: transfers.transfersByStatusIndex, id: 'transferId', since: 'requestedAt', wanted: transfers.transferIds }, 'requested', since)
    : [];
  for (const { id: transferId, updatedAt } of requested) {
    if (now.getTime() - Date.parse(updatedAt) < graceMs) continue;
    await attempt({ kind: 'transfer-saga-missing', transferId }, () => startMissingTransferSaga(deps, transfers!, transferId));
  }
  return { checkedAt: now.toISOString(), ordersChecked: placed.length + ended.length, transfersChecked: requested.length, findings };
}

type ViewRow = { id: string; updatedAt: string };
/** A view to search by status: its table, status index, id attribute and the sort key the lookback applies to. */
type StatusIndex = { table: string; index: string; id: 'orderId' | 'transferId'; since: 'createdAt' | 'requestedAt'; wanted?: string[] };

async function rowsIn(deps: ReconcileDependencies, view: StatusIndex, status: OrderStatus | 'requested', since: string): Promise<ViewRow[]> {
  const rows: ViewRow[] = [];
  const wanted = view.wanted && new Set(view.wanted);
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.client.send(
      new QueryCommand({
        TableName: view.table,
        IndexName: view.index,
        KeyConditionExpression: '#status = :status AND #since >= :since',
        ExpressionAttributeNames: { '#status': 'status', '#since': view.since },
        ExpressionAttributeValues: { ':status': status, ':since': since },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const id = String(item[view.id]);
      if (!wanted || wanted.has(id)) rows.push({ id, updatedAt: String(item.updatedAt) });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return rows;
}

/** Starts the saga of a placed order that has none, from its OrderPlaced event; false when it has one. */
async function startMissingSaga(deps: ReconcileDependencies, orderId: string): Promise<boolean> {
  if (await hasExecution(deps.sfn, deps.stateMachineArn, orderId)) return false;
  const stream = await deps.store.load(orderStreamId(orderId));
  const placed = stream.events.findLast((event) => isOrderEventOfType(event, 'OrderPlaced'));
  if (!placed || !isOrderEventOfType(placed, 'OrderPlaced') || stateOfStream(orderDecider, stream).state.status !== 'placed') return false;
  // The saga goes on under the correlation id of the request that placed the order.
  return startOnce(deps.sfn, deps.stateMachineArn, orderId, sagaInputOf(placed, placed.meta.correlationId));
}

/** Starts the saga of a requested transfer that has none, under the correlation id of the request; false when it has one. */
async function startMissingTransferSaga(deps: ReconcileDependencies, transfers: TransferReconcileDependencies, transferId: string): Promise<boolean> {
  if (await hasExecution(deps.sfn, transfers.stateMachineArn, transferId)) return false;
  const stream = await deps.store.load(transferStreamId(transferId));
  const requested = stream.events.find((event) => isTransferEventOfType(event, 'TransferRequested'));
  if (!requested) return false;
  const input: TransferSagaInput = { transferId, correlationId: requested.meta.correlationId };
  return startOnce(deps.sfn, transfers.stateMachineArn, transferId, input);
}

async function hasExecution(sfn: SFNClient, stateMachineArn: string, name: string): Promise<boolean> {
  try {
    await sfn.send(new DescribeExecutionCommand({ executionArn: executionArnOf(stateMachineArn, name) }));
    return true;
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return false;
    throw error;
  }
}

/** Starts the execution named `name`; false when it exists already (started meanwhile by the starter). */
async function startOnce(sfn: SFNClient, stateMachineArn: string, name: string, input: unknown): Promise<boolean> {
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    return true;
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return false;
    throw error;
  }
}
