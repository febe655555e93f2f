import type { ZodMiniType } from '../http/zod';
import { HttpError } from '../http/problem';

/**
 * An opaque page cursor: DynamoDB's LastEvaluatedKey with the query it belongs to, base64url
 * encoded. Decoding checks the key against the exact key schema of the table or index the query
 * reads (attribute names, types, and the partition value the query asks for), so a mangled or
 * forged cursor is a 400 and never reaches DynamoDB as an invalid ExclusiveStartKey (a 500).
 */
export function encodeCursor(key: Record<string, unknown> | undefined, scope: string): string | undefined {
  return key && Buffer.from(JSON.stringify({ s: scope, k: key })).toString('base64url');
}

/** With `otherwise`, a cursor that is not one of this query answers what it returns instead of a 400 (a query that takes two kinds of cursor tries one, then the other). */
export function decodeCursor<Key extends Record<string, string | number>>(cursor: string | undefined, scope: string, keySchema: ZodMiniType<Key>, otherwise?: () => undefined): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = (why: string) => {
    if (otherwise) return otherwise();
    throw new HttpError(400, 'Invalid request', `cursor is not valid: ${why}; use the nextCursor of the previous page as it is`);
  };
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) return invalid('it is not base64url');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return invalid('it does not decode');
  }
  const { s, k } = (decoded !== null && typeof decoded === 'object' ? decoded : {}) as { s?: unknown; k?: unknown };
  if (s !== scope) return invalid('it belongs to another query');
  const key = keySchema.safeParse(k);
  if (!key.success) return invalid('it holds no position of this query');
  return key.data;
}
