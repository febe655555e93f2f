/** Keys of the store figures table (partition `pk`, sort `sk`): one counters item, and each stream shard's watermark. */
export const FIGURES_KEYS = {
  /** The event stores' figures: events and streams per aggregate type. */
  storeFigures: { pk: 'counters', sk: 'event-store' },
  /** The position in a stream shard up to which its records are in the figures: written with the counters, so a record comes into them once. */
  shard: (shardId: string) => ({ pk: `shard#${shardId}`, sk: 'counted-through' }),
};
