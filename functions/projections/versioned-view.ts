import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseStreamId } from '../domain';
import type { StoredEvent } from '../eventstore';
import type { Projector } from './project-batch';

/** The row is behind: an earlier event of its stream has not been applied yet. Retry later. */
export class ViewGapError extends Error {
  constructor(readonly key: Record<string, string>, readonly lastVersion: number, readonly version: number) {
    super(`view row ${JSON.stringify(key)} is at version ${lastVersion}; cannot apply version ${version} yet`);
    this.name = 'ViewGapError';
  }
}

export type ApplyOutcome = 'applied' | 'duplicate';

/**
 * Applies the event at `version` to one view row only if it is the next one: an older version is
 * a redelivery and is skipped; a newer one means a gap and throws {@link ViewGapError} so the
 * record is retried. The put is conditioned on the version read, so two writers cannot interleave.
 */
export async function applyToVersionedRow<Row extends { version: number }>(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
  key: Record<string, string>;
  version: number;
  apply: (row: Row | undefined) => Row;
}): Promise<ApplyOutcome> {
  const { client, tableName, key, version } = options;
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  const row = Item as Row | undefined;
  const lastVersion = row?.version ?? 0;
  if (version <= lastVersion) return 'duplicate';
  if (version !== lastVersion + 1) throw new ViewGapError(key, lastVersion, version);
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: options.apply(row),
        ConditionExpression: 'attribute_not_exists(version) OR version = :last',
        ExpressionAttributeValues: { ':last': lastVersion },
      }),
    );
  } catch (error) {
    // Only the event at this version can move the row to it, so whoever won wrote this very event.
    if (error instanceof ConditionalCheckFailedException) return 'duplicate';
    throw error;
  }
  return 'applied';
}

/**
 * A projector keeping one view row per stream of one aggregate, through
 * {@link applyToVersionedRow}: the row's key comes from the stream id, the new row from `apply`.
 */
export function versionedRowProjector<Row extends { version: number }, Event>(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
  aggregate: 'order' | 'product';
  key: (id: string) => Record<string, string>;
  apply: (row: Row | undefined, event: Event, meta: { version: number; at: string }) => Row;
}): Projector {
  return async (stored: StoredEvent) => {
    const stream = parseStreamId(stored.streamId);
    if (stream?.aggregate !== options.aggregate) return 'ignored';
    return applyToVersionedRow<Row>({
      client: options.client,
      tableName: options.tableName,
      key: options.key(stream.id),
      version: stored.version,
      // The store is untyped; what an aggregate's stream holds is what its decider wrote.
      apply: (row) => options.apply(row, stored as unknown as Event, { version: stored.version, at: stored.at }),
    });
  };
}
