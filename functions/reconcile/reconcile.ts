import { DescribeExecutionCommand, ExecutionAlreadyExists, ExecutionDoesNotExist, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isOrderEventOfType, orderDecider, orderStreamId, type OrderStatus } from '../domain';
import { stateOfStream, type EventStore } from '../eventstore';
import type { PaymentGateway } from '../payments/payment-gateway';
import { refundOrder } from '../saga/refund-order';
import { releaseOrderStock } from '../stock/order-stock';
import type { StockLevels } from '../stock/stock-levels';
import { sagaInputOf } from '../saga/saga-context';

/** What the reconciler found wrong with one order, and whether it put it right. */
export type Finding = { kind: 'saga-missing' | 'refund-owed' | 'stock-held'; orderId: string; repaired: boolean; error?: string };

export type ReconcileReport = { checkedAt: string; ordersChecked: number; findings: Finding[] };

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
 * Orders are found through the orders view by status, created within the lookback window.
 */
export async function reconcile(deps: ReconcileDependencies): Promise<ReconcileReport> {
  const now = deps.now ?? new Date();
  const since = new Date(now.getTime() - (deps.lookbackMs ?? 7 * DAY)).toISOString();
  const findings: Finding[] = [];
  const context = (orderId: string) => ({ correlationId: orderId, causationId: `reconciler:${now.toISOString()}`, actor: 'reconciler' });
  const attempt = async (kind: Finding['kind'], orderId: string, repair: () => Promise<boolean>) => {
    try {
      if (await repair()) findings.push({ kind, orderId, repaired: true });
    } catch (error) {
      findings.push({ kind, orderId, repaired: false, error: String(error) });
    }
  };

  const placed = await ordersIn(deps, 'placed', since);
  for (const { orderId, updatedAt } of placed) {
    if (now.getTime() - Date.parse(updatedAt) < (deps.sagaGraceMs ?? 5 * MINUTE)) continue;
    await attempt('saga-missing', orderId, () => startMissingSaga(deps, orderId));
  }
  const ended = [...(await ordersIn(deps, 'cancelled', since)), ...(await ordersIn(deps, 'rejected', since))];
  for (const { orderId } of ended) {
    await attempt('refund-owed', orderId, async () => Boolean((await refundOrder(deps.store, deps.gateway, orderId, context(orderId))).refundId));
    await attempt('stock-held', orderId, () => releaseOrderStock(deps, orderId, context(orderId), Date.now() + MINUTE));
  }
  return { checkedAt: now.toISOString(), ordersChecked: placed.length + ended.length, findings };
}

type ViewRow = { orderId: string; updatedAt: string };

async function ordersIn(deps: ReconcileDependencies, status: OrderStatus, since: string): Promise<ViewRow[]> {
  const rows: ViewRow[] = [];
  const wanted = deps.orderIds && new Set(deps.orderIds);
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.client.send(
      new QueryCommand({
        TableName: deps.ordersTable,
        IndexName: deps.ordersByStatusIndex,
        KeyConditionExpression: '#status = :status AND createdAt >= :since',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status, ':since': since },
        ExclusiveStartKey: startKey,
      }),
    );
    rows.push(...((page.Items ?? []) as ViewRow[]).filter((row) => !wanted || wanted.has(row.orderId)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return rows;
}

/** Starts the saga of a placed order that has none, from its OrderPlaced event; false when it has one. */
async function startMissingSaga(deps: ReconcileDependencies, orderId: string): Promise<boolean> {
  const executionArn = `${deps.stateMachineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;
  try {
    await deps.sfn.send(new DescribeExecutionCommand({ executionArn }));
    return false;
  } catch (error) {
    if (!(error instanceof ExecutionDoesNotExist)) throw error;
  }
  const stream = await deps.store.load(orderStreamId(orderId));
  const placed = stream.events.findLast((event) => isOrderEventOfType(event, 'OrderPlaced'));
  if (!placed || !isOrderEventOfType(placed, 'OrderPlaced') || stateOfStream(orderDecider, stream).state.status !== 'placed') return false;
  try {
    // The saga goes on under the correlation id of the request that placed the order.
    await deps.sfn.send(new StartExecutionCommand({ stateMachineArn: deps.stateMachineArn, name: orderId, input: JSON.stringify(sagaInputOf(placed, placed.meta.correlationId)) }));
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return false;
    throw error;
  }
  return true;
}
