import type { TableKeys } from './requests';

type KeySchema = { AttributeName?: string; KeyType?: string }[];
type TableProperties = { KeySchema?: KeySchema; GlobalSecondaryIndexes?: { IndexName?: string; KeySchema?: KeySchema }[]; LocalSecondaryIndexes?: { IndexName?: string; KeySchema?: KeySchema }[] };

const hashKey = (schema: KeySchema | undefined) => schema?.find((k) => k.KeyType === 'HASH')?.AttributeName;

/** Each template table's partition key and its indexes' (for `dynamodb:LeadingKeys`), by table name. */
export function tableKeysOf(tables: readonly { tableName: string; properties: Record<string, unknown> }[]): (tableName: string) => TableKeys | undefined {
  const byName = new Map<string, TableKeys>();
  for (const { tableName, properties } of tables) {
    const p = properties as TableProperties;
    const partitionKey = hashKey(p.KeySchema);
    if (!partitionKey) continue;
    const indexes = [...(p.GlobalSecondaryIndexes ?? []), ...(p.LocalSecondaryIndexes ?? [])].flatMap((i) => {
      const key = hashKey(i.KeySchema);
      return i.IndexName && key ? [[i.IndexName, key] as const] : [];
    });
    byName.set(tableName, { partitionKey, indexes: Object.fromEntries(indexes) });
  }
  return (tableName) => byName.get(tableName);
}
