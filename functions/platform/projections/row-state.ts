import type { StoredEvent } from '../eventstore';
import { handledAttributes, handledOf, NOTHING_HANDLED, type Handled } from './handled-versions';
import type { ParkedEvent } from './parking/parked-events';
import { attempt } from './parking/poison';

/** A view row as its projector sees it: the view (none until an event could create it) and what it has handled. */
export type RowState<Row> = Handled & { view: Row | undefined };

/** Applies one stored event to a view (pure); throws when the event cannot be applied. */
export type ApplyStored<Row> = (view: Row | undefined, event: StoredEvent) => Row;

/** One event on a row (pure): applied, or skipped as poison; either way the row moves to its version. */
export function stepRow<Row>(state: RowState<Row>, event: StoredEvent, apply: ApplyStored<Row>): { state: RowState<Row>; poisoned?: ParkedEvent } {
  const result = attempt(() => apply(state.view, event));
  if (result.ok) return { state: { view: result.value, version: event.version, skipped: state.skipped } };
  return { state: { ...state, version: event.version, skipped: [...state.skipped, event.version] }, poisoned: { event, reason: result.reason } };
}

/** A whole stream folded into a row from nothing (pure), poison skipped and returned. */
export function foldRow<Row>(events: StoredEvent[], apply: ApplyStored<Row>): { state: RowState<Row>; poisoned: ParkedEvent[] } {
  let state: RowState<Row> = { ...NOTHING_HANDLED, view: undefined };
  const poisoned: ParkedEvent[] = [];
  for (const event of events) {
    const step = stepRow(state, event, apply);
    state = step.state;
    if (step.poisoned) poisoned.push(step.poisoned);
  }
  return { state, poisoned };
}

/**
 * Reads a row's state from its item. The view is everything but the key and the bookkeeping: an
 * item with nothing else holds no view yet (the event that would have created it was poison).
 */
export function rowStateOf<Row>(item: Record<string, unknown> | undefined, keyNames: string[]): RowState<Row> {
  const handled = handledOf(item);
  if (!item) return { ...handled, view: undefined };
  const { skippedVersions: _bookkeeping, ...view } = item;
  const hasView = Object.keys(view).some((name) => name !== 'version' && !keyNames.includes(name));
  // The table holds what this projector wrote: a view of this row type.
  return { ...handled, view: hasView ? (view as Row) : undefined };
}

/** The item that stores a row's state: its key, its view if it has one, its bookkeeping. */
export function rowItem<Row extends object>(state: RowState<Row>, key: Record<string, string>): Record<string, unknown> {
  return { ...key, ...state.view, ...handledAttributes(state) };
}
