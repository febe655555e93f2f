/** Keys of the store figures table (partition `pk`, sort `sk`): one counters item, and a tracker per counted stream. */
export const FIGURES_KEYS = {
  /** The event stores' figures: events and streams per aggregate type. */
  storeFigures: { pk: 'counters', sk: 'event-store' },
  /** The version of a stream counted so far: written with the counters, so a redelivered event counts nothing. */
  counted: (streamId: string) => ({ pk: `stream#${streamId}`, sk: 'counted' }),
};
