/** A DynamoDB attribute value in the wire format: `{ "S": "…" }`, `{ "N": "…" }`, `{ "B": "<base64>" }`. */
type AttributeValue = Record<string, unknown>;
type Item = Readonly<Record<string, unknown>>;
type Names = Readonly<Record<string, string>>;

/** A key value as `dynamodb:LeadingKeys` carries it: the string, number or base64 text. */
export function keyText(value: unknown): string | undefined {
  const v = (value ?? {}) as AttributeValue;
  for (const type of ['S', 'N', 'B']) if (typeof v[type] === 'string') return v[type] as string;
  return undefined;
}

/** The partition key value of an item or a key, if it has one. */
export function partitionKeyOf(item: unknown, partitionKey: string): string | undefined {
  return keyText((item as Item | undefined)?.[partitionKey]);
}

/**
 * The partition key value a Query asks for: from `KeyConditionExpression` (`#pk = :v`, either
 * way round, among conditions joined by AND) or the legacy `KeyConditions` (EQ).
 */
export function queriedPartitionKey(body: Readonly<Record<string, unknown>>, partitionKey: string): string | undefined {
  const names = (body.ExpressionAttributeNames ?? {}) as Names;
  const values = (body.ExpressionAttributeValues ?? {}) as Item;
  if (typeof body.KeyConditionExpression === 'string') {
    for (const clause of body.KeyConditionExpression.split(/\s+and\s+/i)) {
      const match = /^\(*\s*([#:]?[\w.-]+)\s*=\s*([#:]?[\w.-]+)\s*\)*$/.exec(clause.trim());
      if (!match) continue;
      const [left, right] = [match[1] as string, match[2] as string];
      const [path, placeholder] = right.startsWith(':') ? [left, right] : [right, left];
      if ((names[path] ?? path) === partitionKey && placeholder.startsWith(':')) return keyText(values[placeholder]);
    }
    return undefined;
  }
  const legacy = (body.KeyConditions as Record<string, { ComparisonOperator?: string; AttributeValueList?: unknown[] }> | undefined)?.[partitionKey];
  return legacy?.ComparisonOperator === 'EQ' ? keyText(legacy.AttributeValueList?.[0]) : undefined;
}
