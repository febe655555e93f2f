import { parseStreamId } from '../domain';
import { streamPrefix } from '../../platform/domain/streams';
import { emitProjectionLag } from '../../platform/observability/projection-lag';
import type { WindowCounter } from '../../platform/projections/stream-fan-out';
import type { OrdersSeen, StatsProjection } from './stats-projector';

/**
 * The stats as a window counter of the orders views reader: the window's state is only the newest
 * version seen of each order, and the window's write counts each order up to it, from the store
 * (see {@link StatsProjection.countThrough}). An order's tracker then moves once a window, not once
 * a batch: its events (created, placed, confirmed) mostly arrive in different batches of one
 * window. Exact whatever state Lambda carries: the trackers say what is counted, so a state
 * written already counts nothing again, and a lost one is counted with the order's next event.
 */
export function statsCounter(stats: StatsProjection): WindowCounter {
  return {
    name: 'stats',
    prefixes: [streamPrefix('order')],
    step: async ({ state, records, write }) => {
      const seen: Record<string, number> = { ...(state as OrdersSeen | undefined) };
      for (const record of records) {
        const orderId = parseStreamId(record.streamId)?.id;
        if (orderId) seen[orderId] = Math.max(seen[orderId] ?? 0, record.version);
      }
      if (!write) return seen;
      for (const event of await stats.countThrough(seen)) emitProjectionLag('stats', event);
      return {};
    },
  };
}
