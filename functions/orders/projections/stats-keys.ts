/** Keys of the stats table (partition `pk`, sort `sk`). */
export const STATS_KEYS = {
  byStatus: { pk: 'counters', sk: 'orders-by-status' },
  sagaOutcomes: { pk: 'counters', sk: 'saga-outcomes' },
  revenue: (day: string) => ({ pk: 'revenue', sk: day }),
  tracker: (orderId: string) => ({ pk: `order#${orderId}`, sk: 'tracker' }),
  seen: (eventId: string) => ({ pk: `event#${eventId}`, sk: 'seen' }),
  /** The event store's figures: events and streams per aggregate type. */
  storeFigures: { pk: 'counters', sk: 'event-store' },
  /** That an event is in the store's figures (apart from `seen`: another function counts them). */
  inStoreFigures: (eventId: string) => ({ pk: `event#${eventId}`, sk: 'in-store-figures' }),
};
