import type { Money, OrderEvent, OrderStatus } from '../domain';

/** What the stats remember per order: enough to move its counters on the next event. */
export type OrderTracker = { status: Exclude<OrderStatus, 'none'>; total?: Money; version: number };

/** How one order event moves the figures. */
export type StatsDelta = {
  tracker: OrderTracker;
  /** +1/-1 per status the order enters or leaves. */
  byStatus: Partial<Record<OrderStatus, number>>;
  /** Revenue in minor units, by day and currency: confirmed orders count, cancelled confirmed ones are taken back. */
  revenue?: { day: string; currency: string; amount: number };
  sagaOutcome?: 'confirmed' | 'rejected' | 'failed';
};

/**
 * The change one order event makes to the figures (pure). Revenue counts on the day an order is
 * confirmed and is taken back on the day a confirmed order is cancelled or rejected; saga
 * outcomes count confirmations, rejections and the saga's own cancellations (failures).
 */
export function statsDelta(tracker: OrderTracker | undefined, event: OrderEvent, version: number): StatsDelta {
  const move = (to: OrderTracker['status'], extra: Partial<OrderTracker> = {}): StatsDelta => ({
    tracker: { ...tracker, ...extra, status: to, version } as OrderTracker,
    byStatus: tracker && tracker.status !== to ? { [tracker.status]: -1, [to]: 1 } : tracker ? {} : { [to]: 1 },
  });
  switch (event.type) {
    case 'OrderCreated':
      return move('draft');
    case 'ItemAdded':
    case 'ItemRemoved':
      return { tracker: { ...tracker!, version }, byStatus: {} };
    case 'OrderPlaced':
      return move('placed', { total: event.data.total });
    case 'OrderConfirmed': {
      const delta = move('confirmed');
      const total = tracker?.total;
      return { ...delta, sagaOutcome: 'confirmed', revenue: total && { day: event.data.confirmedAt.slice(0, 10), currency: total.currency, amount: total.amount } };
    }
    case 'OrderShipped':
      return move('shipped');
    case 'OrderDelivered':
      return move('delivered');
    case 'OrderCancelled': {
      const delta = move('cancelled');
      const total = tracker?.total;
      const refund = tracker?.status === 'confirmed' && total ? { day: event.data.cancelledAt.slice(0, 10), currency: total.currency, amount: -total.amount } : undefined;
      return { ...delta, revenue: refund, sagaOutcome: event.data.by === 'saga' ? 'failed' : undefined };
    }
    case 'OrderRejected': {
      const delta = move('rejected');
      const total = tracker?.total;
      const refund = tracker?.status === 'confirmed' && total ? { day: event.data.rejectedAt.slice(0, 10), currency: total.currency, amount: -total.amount } : undefined;
      return { ...delta, revenue: refund, sagaOutcome: 'rejected' };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unhandled event ${JSON.stringify(unknown)}`);
    }
  }
}
