import type { WindowCounter, WindowRecord } from '../../../functions/platform/projections/stream-fan-out';

/** What AWS does not document: whether the state a partially failed batch answers is kept for the retry, or the one before it is. */
export type StateOnPartialFailure = 'keeps' | 'goes back to the state before';

/**
 * Plays Lambda reading one shard in tumbling windows for a window counter: batches of 1 to 8
 * records, the state carried from each answer to the next; 30 % of batches fail part-way (the
 * records before the failure written at once, the rest again from the failure); 10 % of steps
 * crash after they wrote (Lambda invokes again with the same state); 15 % of the time a copy of
 * records already taken; windows ending at random with their final invocation, sometimes retried.
 */
export async function readShardInWindows(counter: WindowCounter, shardId: string, records: readonly WindowRecord[], rnd: () => number, lambda: StateOnPartialFailure): Promise<void> {
  let state: unknown;
  let at = 0;
  const step = async (input: { state: unknown; records: WindowRecord[]; write: boolean }) => {
    const answered = await counter.step({ ...input, shardId });
    return rnd() < 0.1 ? counter.step({ ...input, shardId }) : answered;
  };
  while (at < records.length) {
    const batch = records.slice(at, at + 1 + Math.floor(rnd() * 8));
    const failedAt = rnd() < 0.3 ? Math.floor(rnd() * batch.length) : batch.length;
    const answered = await step({ state, records: batch.slice(0, failedAt), write: failedAt < batch.length });
    if (failedAt === batch.length || lambda === 'keeps') state = answered;
    at += failedAt;
    if (rnd() < 0.15) state = await step({ state, records: records.slice(Math.max(0, at - 3), at), write: false });
    if (rnd() < 0.2) {
      await step({ state, records: [], write: true });
      if (rnd() < 0.3) await step({ state, records: [], write: true });
      state = undefined;
    }
  }
  await step({ state, records: [], write: true });
}

/** A shard's records: the streams' events interleaved as writes to them would be, positions increasing from `from`. */
export function shardRecords(streams: readonly [string, number][], from: number): WindowRecord[] {
  const records: WindowRecord[] = [];
  const next = new Map(streams.map(([id]) => [id, 1]));
  for (let left = true; left; ) {
    left = false;
    for (const [streamId, versions] of streams) {
      const version = next.get(streamId)!;
      if (version > versions) continue;
      records.push({ sequenceNumber: String(from + records.length * 7), streamId, version });
      next.set(streamId, version + 1);
      left = true;
    }
  }
  return records;
}
