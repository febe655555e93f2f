import type { SagaExecutions } from '../../platform/saga/saga-executions';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isOrderEventOfType, orderDecider, orderStreamId, paymentDecider, paymentStreamId, reservationDecider, reservationStreamId } from '../domain';
import { decideAndAppend, loadState, stateOfStream, type AppendContext, type EventStore } from '../../platform/eventstore';
import { findingsRecorder, MINUTE, pagedCheck, reconcileWindow, rowsInStatus, type Finding, type StatusIndex } from '../../platform/reconcile/repairs';
import type { Checkpoints } from '../../platform/reconcile/checkpoints';
import type { PaymentGateway } from '../payments/payment-gateway';
import { refundOrder } from '../saga/refund-order';
import { releaseOrderStock } from '../stock/order-stock';
import type { StockLevels } from '../stock/stock-levels';
import { sagaInputOf } from '../saga/saga-context';
import { failureNotice } from '../saga/order-rejection';

/** What the reconciler found wrong with one order, and whether it put it right. */
export type OrderFinding = Finding<{ kind: 'saga-missing' | 'saga-stranded' | 'refund-owed' | 'stock-held'; orderId: string }>;

/** `complete`: whether every check went to its end (a long one that ran out of time goes on from its checkpoint next run). */
export type ReconcileReport = { checkedAt: string; ordersChecked: number; complete: boolean; findings: OrderFinding[] };

export type ReconcileDependencies = {
  store: EventStore;
  levels: StockLevels;
  client: DynamoDBDocumentClient;
  executions: SagaExecutions;
  gateway: PaymentGateway;
  ordersTable: string;
  ordersByStatusIndex: string;
  now?: Date;
  /** A placed order this long without a saga execution is missing one (default 5 minutes). */
  sagaGraceMs?: number;
  /** Orders created this far back are checked (default 7 days). */
  lookbackMs?: number;
  /** Only these orders (an operator looking at a few); all of the window otherwise. */
  orderIds?: string[];
  /** Where the long check (ended orders) keeps its place between runs; without, it reads the window to its end. */
  checkpoints?: Checkpoints;
  /** Epoch milliseconds by which the run stops starting new pages (its time budget). */
  deadline?: number;
};

/**
 * Finds and repairs what slipped through every durable path anyway, with the same idempotent
 * commands the saga and the effects use (so running it while they run, or twice, is harmless):
 * - a placed order with no saga execution after a grace period: its saga is started;
 * - a placed order whose execution failed, timed out or was aborted: its saga's compensation is
 *   done (refund, stock back, the order cancelled with the notice a failed saga gives);
 * - a cancelled or rejected order whose charge was not refunded: it is refunded;
 * - stock still held (reserved, or sold and not shipped) by a cancelled or rejected order: it
 *   goes back on the shelf.
 * Orders are found through the orders view by status, within the lookback window; the ended
 * orders, the many, a page at a time from where the last run stopped (see pagedCheck), so a run
 * ends within its budget whatever the volume.
 */
export async function reconcile(deps: ReconcileDependencies): Promise<ReconcileReport> {
  const { now, since, overdue } = reconcileWindow(deps);
  const { findings, attempt } = findingsRecorder<{ kind: OrderFinding['kind']; orderId: string }>();
  const context = (orderId: string) => ({ correlationId: orderId, causationId: `reconciler:${now.toISOString()}`, actor: 'reconciler' });

  const orders: StatusIndex = { table: deps.ordersTable, index: deps.ordersByStatusIndex, id: 'orderId', since: 'createdAt', wanted: deps.orderIds };
  const placed = await rowsInStatus(deps.client, orders, 'placed', since);
  for (const { id: orderId } of placed.filter(overdue)) {
    await attempt({ kind: 'saga-missing', orderId }, () => startMissingSaga(deps, orderId));
  }
  const stranded = await deps.executions.strandedSince({ since, wanted: deps.orderIds });
  for (const { name: orderId } of stranded) {
    await attempt({ kind: 'saga-stranded', orderId }, () => endStrandedOrder(deps, orderId, context(orderId)));
  }
  // The long check: every order that ended in the window, a page at a time, within the budget.
  let ended = 0;
  let complete = true;
  for (const status of ['cancelled', 'rejected']) {
    const pass = await pagedCheck(deps.client, orders, status, since, { check: `orders-${status}`, checkpoints: deps.checkpoints, deadline: deps.deadline, pageSize: PAGE_SIZE }, async ({ id: orderId }) => {
      await attempt({ kind: 'refund-owed', orderId }, async () => Boolean((await refundOrder(deps.store, deps.gateway, orderId, context(orderId))).refundId));
      await attempt({ kind: 'stock-held', orderId }, () => releaseOrderStock(deps, orderId, context(orderId), Date.now() + MINUTE));
    });
    ended += pass.rows;
    complete &&= pass.finished;
  }
  return { checkedAt: now.toISOString(), ordersChecked: placed.length + stranded.length + ended, complete, findings };
}

/** Ended orders per page of the long check: small enough that a run stops soon after its budget is spent (each order is two reads). */
const PAGE_SIZE = 100;

/** Starts the saga of a placed order that has none, from its OrderPlaced event; false when it has one. */
async function startMissingSaga(deps: ReconcileDependencies, orderId: string): Promise<boolean> {
  if (await deps.executions.exists(orderId)) return false;
  const stream = await deps.store.load(orderStreamId(orderId));
  const placed = stream.events.findLast((event) => isOrderEventOfType(event, 'OrderPlaced'));
  if (!placed || !isOrderEventOfType(placed, 'OrderPlaced') || stateOfStream(orderDecider, stream).state.status !== 'placed') return false;
  // The saga goes on under the correlation id of the request that placed the order.
  return deps.executions.start(orderId, sagaInputOf(placed, placed.meta.correlationId));
}

/**
 * Finishes the saga of an order whose execution ended without ending it (failed, timed out,
 * aborted): an order still placed, or confirmed without the charge and the committed stock a
 * confirmation stands on (a compensation that failed half-way), is refunded, its stock given back
 * and cancelled, as the saga would have. False when there was nothing to do: the order had ended,
 * or is confirmed, charged and its stock committed.
 */
async function endStrandedOrder(deps: ReconcileDependencies, orderId: string, context: AppendContext): Promise<boolean> {
  const streamId = orderStreamId(orderId);
  const { status } = (await loadState(deps.store, orderDecider, streamId)).state;
  if (status !== 'placed' && !(status === 'confirmed' && !(await confirmationStands(deps.store, orderId)))) return false;
  const { payment } = await refundOrder(deps.store, deps.gateway, orderId, context);
  await releaseOrderStock(deps, orderId, context, Date.now() + MINUTE);
  const { events } = await decideAndAppend({
    store: deps.store,
    decider: orderDecider,
    streamId,
    command: { type: 'CancelOrder', data: { orderId, reason: failureNotice(payment), by: 'saga' }, metadata: { now: new Date().toISOString() } },
    context,
  });
  return events.length > 0;
}

/** Whether a confirmed order has what its confirmation promises: its charge, and every line's stock sold. */
async function confirmationStands(store: EventStore, orderId: string): Promise<boolean> {
  const [payment, reservation] = await Promise.all([loadState(store, paymentDecider, paymentStreamId(orderId)), loadState(store, reservationDecider, reservationStreamId(orderId))]);
  const holds = reservation.state.status === 'made' ? Object.values(reservation.state.holds) : [];
  return payment.state.status === 'charged' && holds.length > 0 && holds.every((hold) => hold.status === 'committed');
}
