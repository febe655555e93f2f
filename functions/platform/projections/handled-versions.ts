import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * What a view row (or a stats tracker) has handled of its stream: every version up to `version`,
 * each applied but for those in `skipped`, which were poison and are parked.
 */
export type Handled = { version: number; skipped: number[] };

/** Nothing handled yet: no item. */
export const NOTHING_HANDLED: Handled = { version: 0, skipped: [] };

/** Reads the bookkeeping out of a stored item. */
export function handledOf(item: Record<string, unknown> | undefined): Handled {
  if (!item) return NOTHING_HANDLED;
  const skipped = Array.isArray(item.skippedVersions) ? item.skippedVersions.filter((v): v is number => typeof v === 'number') : [];
  return { version: Number(item.version ?? 0), skipped };
}

/**
 * The bookkeeping attributes to store. `skippedVersions` is there only while some version is
 * skipped, so that a person sees the row is incomplete, and a complete row is exactly what a
 * clean rebuild writes.
 */
export function handledAttributes({ version, skipped }: Handled): { version: number; skippedVersions?: number[] } {
  return skipped.length ? { version, skippedVersions: [...skipped].sort((a, b) => a - b) } : { version };
}

/**
 * The condition for writing over what was read: the item is still at the version read AND has
 * skipped the same versions (a repair changes which versions are skipped, not the version), so a
 * concurrent writer can never interleave with this one.
 */
export function unchangedSince(read: Handled): { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> } {
  if (read.version === 0) return { ConditionExpression: 'attribute_not_exists(version)' };
  const { skippedVersions } = handledAttributes(read);
  return skippedVersions
    ? { ConditionExpression: 'version = :last AND skippedVersions = :skipped', ExpressionAttributeValues: { ':last': read.version, ':skipped': skippedVersions } }
    : { ConditionExpression: 'version = :last AND attribute_not_exists(skippedVersions)', ExpressionAttributeValues: { ':last': read.version } };
}

/** Puts an item only while it is as it was read ({@link unchangedSince}); false when another writer moved it since. */
export async function putUnchanged(client: DynamoDBDocumentClient, tableName: string, item: Record<string, unknown>, read: Handled): Promise<boolean> {
  try {
    await client.send(new PutCommand({ TableName: tableName, Item: item, ...unchangedSince(read) }));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
