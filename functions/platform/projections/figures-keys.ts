/** Keys of the store figures table (partition `pk`, sort `sk`): one counters item, and a marker per counted event. */
export const FIGURES_KEYS = {
  /** The event stores' figures: events and streams per aggregate type. */
  storeFigures: { pk: 'counters', sk: 'event-store' },
  /** That an event is in the figures: written with the counters, so a redelivered event counts nothing. */
  inStoreFigures: (eventId: string) => ({ pk: `event#${eventId}`, sk: 'in-store-figures' }),
};

/**
 * How long an event-id marker is kept, from its event's time: past the stream's 24 hours and the 14 days a parked event
 * may wait for its redrive, no copy of the event can arrive any more (the table's TTL deletes it).
 */
export const MARKER_TTL_SECONDS = 15 * 24 * 3600;
