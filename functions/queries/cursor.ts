import { HttpError } from '../http/problem';

type Key = Record<string, string | number>;

/**
 * An opaque page cursor: DynamoDB's LastEvaluatedKey with the filter it belongs to, base64url
 * encoded. A cursor used with another filter, or mangled, is a 400 — never a wrong page.
 */
export function encodeCursor(key: Record<string, unknown> | undefined, scope: string): string | undefined {
  return key && Buffer.from(JSON.stringify({ s: scope, k: key })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, scope: string): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = (why: string) => new HttpError(400, 'Invalid request', `cursor is not valid: ${why}; use the nextCursor of the previous page as it is`);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('it does not decode');
  }
  const { s, k } = (decoded ?? {}) as { s?: unknown; k?: unknown };
  if (s !== scope) throw invalid('it belongs to another query');
  if (!k || typeof k !== 'object' || Array.isArray(k) || !Object.values(k).every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw invalid('it holds no position');
  }
  return k as Key;
}
