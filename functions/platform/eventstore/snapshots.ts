import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Past this many bytes of serialized state a snapshot is not written: a DynamoDB item holds
 * 400 KB, and the stream it stands for can always be replayed instead.
 */
export const MAX_SNAPSHOT_BYTES = 350_000;

/** A stream's state as folded up to `version`, by an `evolve` whose state shape is `stateVersion`. */
export type Snapshot = { version: number; stateVersion: number; state: unknown; at: string };

/** What became of a snapshot write. */
export type SnapshotWrite = 'written' | 'kept-newer' | 'too-large';

/** The snapshots table: one item per stream, the latest snapshot of its state. */
export type SnapshotStore = {
  /** The stream's latest snapshot (a strongly consistent read), or undefined for none. */
  read(streamId: string): Promise<Snapshot | undefined>;
  /**
   * Keeps a snapshot unless the table has one at a later version ('kept-newer'): two writers
   * racing never put an older state back. A state too large for an item is not written ('too-large').
   */
  write(streamId: string, snapshot: Omit<Snapshot, 'at'>): Promise<SnapshotWrite>;
};

/**
 * The snapshot store over a table keyed by `streamId`. The state is stored as a JSON string: a
 * snapshot is exactly what `JSON.stringify` keeps of it (as the snapshot property test assumes),
 * its size is known before writing, and no DynamoDB marshalling rule (empty sets, nesting depth)
 * can refuse a state.
 */
export function createSnapshotStore(options: { client: DynamoDBDocumentClient; tableName: string; now?: () => Date }): SnapshotStore {
  const { client, tableName } = options;
  const now = options.now ?? (() => new Date());
  return {
    async read(streamId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { streamId }, ConsistentRead: true }));
      return Item ? snapshotOf(Item) : undefined;
    },

    async write(streamId, { version, stateVersion, state }) {
      const json = JSON.stringify(state);
      if (Buffer.byteLength(json, 'utf8') > MAX_SNAPSHOT_BYTES) return 'too-large';
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { streamId, version, stateVersion, state: json, at: now().toISOString() },
            ConditionExpression: 'attribute_not_exists(streamId) OR version < :v',
            ExpressionAttributeValues: { ':v': version },
          }),
        );
        return 'written';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'kept-newer';
        throw error;
      }
    },
  };
}

/** A snapshot item read back; one that does not have the shape of one counts as none (a replay is always right). */
function snapshotOf(item: Record<string, unknown>): Snapshot | undefined {
  const { version, stateVersion, state, at } = item;
  if (typeof version !== 'number' || typeof stateVersion !== 'number' || typeof state !== 'string') return undefined;
  try {
    return { version, stateVersion, state: JSON.parse(state), at: typeof at === 'string' ? at : '' };
  } catch {
    return undefined;
  }
}
