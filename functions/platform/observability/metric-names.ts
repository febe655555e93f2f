/**
 * The business metrics: what the functions emit (CloudWatch embedded metric format) and what the
 * alarms and the dashboard of lib/platform/monitoring.ts read. One contract, so a renamed metric or
 * dimension fails to compile instead of leaving an alarm watching a metric nobody sends.
 * Pure constants: no AWS code, safe to import from any handler and from lib/.
 */

/** The CloudWatch namespace of every business metric. */
export const METRICS_NAMESPACE = 'Orderline';

/**
 * The value of the `service` dimension every business metric carries. Powertools Metrics adds
 * this default dimension to each metric it writes, and CloudWatch tells metrics apart by their
 * whole set of dimensions, so an alarm or a graph must name it too.
 */
export const METRICS_SERVICE = 'orderline';

/** The dimension names. */
export const METRIC_DIMENSIONS = {
  /** Always {@link METRICS_SERVICE}. */
  service: 'service',
  /** Why an order was rejected: the rejection reason of `OrderRejected`. */
  reason: 'reason',
  /** Who cancelled an order: the `by` of `OrderCancelled` (`customer`, `saga`). */
  by: 'by',
  /** The compensation that ran: the saga step name (`RefundPayment`, `ReleaseStock`, `CancelOrder`). */
  step: 'step',
  /** The read model that fell behind: the projection's name (`ProjectOrders`…). */
  projection: 'projection',
} as const;

/** A dimension a metric may carry besides `service`. */
export type MetricDimension = Exclude<keyof typeof METRIC_DIMENSIONS, 'service'>;

/** The CloudWatch units these metrics use (the same strings Powertools' `MetricUnit` has). */
export type MetricUnit = 'Count' | 'Milliseconds';

type MetricDefinition<Name> = { name: Name; unit: MetricUnit; dimensions: readonly MetricDimension[] };

/** Checks at compile time that each metric's `name` is its key, so the two cannot drift apart. */
const definitions = <T extends { [K in keyof T]: MetricDefinition<K> }>(metrics: T): T => metrics;

/** Every business metric: its name, unit and the dimensions (besides `service`) it is emitted with. */
export const METRICS = definitions({
  /** An order was placed (its saga is about to start). */
  OrdersPlaced: { name: 'OrdersPlaced', unit: 'Count', dimensions: [] },
  /** An order's saga confirmed it. */
  OrdersConfirmed: { name: 'OrdersConfirmed', unit: 'Count', dimensions: [] },
  /** An order was rejected for a business reason (out of stock, payment declined…). */
  OrdersRejected: { name: 'OrdersRejected', unit: 'Count', dimensions: ['reason'] },
  /** An order was cancelled, by the customer or by the saga. */
  OrdersCancelled: { name: 'OrdersCancelled', unit: 'Count', dimensions: ['by'] },
  /** A saga compensation step ran (by step). */
  SagaCompensations: { name: 'SagaCompensations', unit: 'Count', dimensions: ['step'] },
  /** A compensation failed past its retries: money or stock needs a person (saga failures table). */
  CompensationFailed: { name: 'CompensationFailed', unit: 'Count', dimensions: [] },
  /** A dead letter was taken into the operator's inbox: a person is needed (GET /inbox). Failed compensations count as CompensationFailed. */
  InboxItemsOpened: { name: 'InboxItemsOpened', unit: 'Count', dimensions: [] },
  /** A saga ended in CancelledAfterFailure: an order lost to a technical failure, not a business rule. */
  CancelledAfterFailure: { name: 'CancelledAfterFailure', unit: 'Count', dimensions: [] },
  /** The payment gateway declined a charge. */
  PaymentsDeclined: { name: 'PaymentsDeclined', unit: 'Count', dimensions: [] },
  /** From an event's time to its row in a view, per projection. */
  ProjectionLag: { name: 'ProjectionLag', unit: 'Milliseconds', dimensions: ['projection'] },
  /** From an order's OrderPlaced to its OrderConfirmed. */
  PlaceToConfirmedLatency: { name: 'PlaceToConfirmedLatency', unit: 'Milliseconds', dimensions: [] },
} as const);

export type MetricName = keyof typeof METRICS;

/** The dimension values a metric must be emitted with, e.g. `{ reason: 'InsufficientStock' }` for OrdersRejected. */
export type MetricDimensions<M extends MetricName> = { [D in (typeof METRICS)[M]['dimensions'][number]]: string };
