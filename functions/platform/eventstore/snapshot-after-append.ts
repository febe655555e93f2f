import type { Decider } from '../domain/decider';
import type { EventStore } from './event-store';
import type { LoadedState } from './load-state';
import { logSnapshotProblem } from './snapshot-log';
import type { NewEvent } from './types';

/** Whether going from version `before` to `after` crossed a multiple of `every`. */
export function crossesSnapshotPoint(every: number, before: number, after: number): boolean {
  return every > 0 && Math.floor(before / every) < Math.floor(after / every);
}

/**
 * Takes a snapshot of `after.state` when the append that took the stream from version `before`
 * to `after.version` crossed a multiple of the decider's `snapshots.every`. Call it after any
 * successful append of a decider's events (decideAndAppend does). It never throws: a snapshot
 * that cannot be written (or is too large) is logged and the stream is simply replayed further.
 * It is awaited rather than left running: Lambda freezes the container once the handler returns.
 */
export async function snapshotAfterAppend<Command, Event extends NewEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  before: number,
  after: LoadedState<State>,
): Promise<void> {
  const policy = decider.snapshots;
  if (!policy || !store.snapshots || !crossesSnapshotPoint(policy.every, before, after.version)) return;
  const fields = { streamId, version: after.version };
  try {
    const outcome = await store.snapshots.write(streamId, { version: after.version, stateVersion: policy.stateVersion, state: after.state });
    if (outcome === 'too-large') logSnapshotProblem('snapshot skipped: the state is too large for an item; the stream is replayed instead', fields);
  } catch (error) {
    logSnapshotProblem('snapshot not written; the command stands', fields, error);
  }
}
