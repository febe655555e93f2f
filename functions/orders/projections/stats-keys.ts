/** Keys of the stats table (partition `pk`, sort `sk`). */
export const STATS_KEYS = {
  byStatus: { pk: 'counters', sk: 'orders-by-status' },
  sagaOutcomes: { pk: 'counters', sk: 'saga-outcomes' },
  revenue: (day: string) => ({ pk: 'revenue', sk: day }),
  tracker: (orderId: string) => ({ pk: `order#${orderId}`, sk: 'tracker' }),
};
