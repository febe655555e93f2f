import { emitBusinessMetric } from './business-metrics';

/** Emits ProjectionLag for an event just written into a view: milliseconds from its append to now, never negative (clocks differ a little). */
export function emitProjectionLag(projection: string, event: { at: string }): void {
  emitBusinessMetric('ProjectionLag', { projection }, Math.max(0, Date.now() - Date.parse(event.at)));
}
