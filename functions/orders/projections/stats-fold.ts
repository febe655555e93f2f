import type { StoredEvent } from '../../platform/eventstore';
import { isOrderEvent, UnknownEvent } from '../domain';
import { handledOf, type Handled } from '../../platform/projections/handled-versions';
import type { ParkedEvent } from '../../platform/projections/parking/parked-events';
import { attempt, type Attempt } from '../../platform/projections/parking/poison';
import { statsDelta, type OrderTracker, type StatsDelta } from './stats-delta';

/** How far the counters move: orders by status, revenue by day then currency (minor units), saga outcomes. */
export type StatsTotals = {
  byStatus: Record<string, number>;
  revenue: Record<string, Record<string, number>>;
  sagaOutcomes: Record<string, number>;
};

/** An order's tracker as the stats projector sees it: what the stats remember (none until an event could start it) and what it has handled. */
export type TrackerState = Handled & { tracker: OrderTracker | undefined };

/** Reads a tracker's state from its item; an item without a status remembers nothing yet. */
export function trackerStateOf(item: Record<string, unknown> | undefined): TrackerState {
  const handled = handledOf(item);
  if (!item || typeof item.status !== 'string') return { ...handled, tracker: undefined };
  const { pk: _pk, sk: _sk, skippedVersions: _bookkeeping, ...tracker } = item;
  // The table holds what this projector wrote: a tracker.
  return { ...handled, tracker: tracker as OrderTracker };
}

/** One order event against its tracker (pure): the delta, or why the event cannot be counted. */
export function statsStep(tracker: OrderTracker | undefined, event: StoredEvent): Attempt<StatsDelta> {
  return attempt(() => {
    if (!isOrderEvent(event)) throw new UnknownEvent(event, 'order');
    return statsDelta(tracker, event, event.version);
  });
}

/**
 * An order's events folded as the stats count them (pure), leaving out the versions in `skip`
 * and, as the live projector does, any event that cannot be counted (returned as poison).
 */
export function foldOrderStats(events: StoredEvent[], skip: number[]): { tracker: OrderTracker | undefined; totals: StatsTotals; skipped: number[]; poisoned: ParkedEvent[] } {
  let tracker: OrderTracker | undefined;
  let totals = noTotals();
  const skipped: number[] = [];
  const poisoned: ParkedEvent[] = [];
  for (const event of events) {
    if (skip.includes(event.version)) {
      skipped.push(event.version);
      continue;
    }
    const step = statsStep(tracker, event);
    if (!step.ok) {
      skipped.push(event.version);
      poisoned.push({ event, reason: step.reason });
      continue;
    }
    tracker = step.value.tracker;
    totals = addTotals(totals, totalsOf(step.value));
  }
  return { tracker, totals, skipped, poisoned };
}

/** No counter moved. */
export function noTotals(): StatsTotals {
  return { byStatus: {}, revenue: {}, sagaOutcomes: {} };
}

/** The counters one event's delta moves (a counter it does not move is not in them). */
export function totalsOf(delta: StatsDelta): StatsTotals {
  const byStatus = Object.fromEntries(Object.entries(delta.byStatus).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] !== 0));
  const revenue = delta.revenue && delta.revenue.amount !== 0 ? { [delta.revenue.day]: { [delta.revenue.currency]: delta.revenue.amount } } : {};
  const sagaOutcomes = delta.sagaOutcome ? { [delta.sagaOutcome]: 1 } : {};
  return { byStatus, revenue, sagaOutcomes };
}

/** Both movements together. */
export function addTotals(a: StatsTotals, b: StatsTotals): StatsTotals {
  return combine(a, b, 1);
}

/**
 * What must be added to `b` to make `a`: the correction when an order's history is counted anew.
 * A counter either touches keeps its place with a 0, as counting the history in order leaves it.
 */
export function subtractTotals(a: StatsTotals, b: StatsTotals): StatsTotals {
  return combine(a, b, -1);
}

function combine(a: StatsTotals, b: StatsTotals, sign: 1 | -1): StatsTotals {
  const days = new Set([...Object.keys(a.revenue), ...Object.keys(b.revenue)]);
  return {
    byStatus: sum(a.byStatus, b.byStatus, sign),
    revenue: Object.fromEntries([...days].map((day) => [day, sum(a.revenue[day] ?? {}, b.revenue[day] ?? {}, sign)])),
    sagaOutcomes: sum(a.sagaOutcomes, b.sagaOutcomes, sign),
  };
}

function sum(a: Record<string, number>, b: Record<string, number>, sign: 1 | -1): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [name, n] of Object.entries(b)) out[name] = (out[name] ?? 0) + sign * n;
  return out;
}
