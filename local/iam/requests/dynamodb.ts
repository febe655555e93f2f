import { requestedAttributes } from './dynamodb-attributes';
import { partitionKeyOf, queriedPartitionKey } from './dynamodb-keys';
import { text, UnmappableRequest, type RequiredAccess, type ResourceNaming, type ServiceAccessMap } from './types';

type Body = Readonly<Record<string, unknown>>;

const ITEM_OPERATIONS = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem']);
/** The part of a TransactWriteItems entry → the action AWS authorizes it as. */
const TRANSACT_WRITE_ACTIONS: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' };
/** Calls that name no table or stream (their resource in IAM is `*`). */
const ACCOUNT_OPERATIONS = new Set(['ListTables', 'DescribeLimits', 'DescribeEndpoints', 'ListStreams', 'ListBackups', 'ListGlobalTables', 'ListExports', 'ListImports']);

function tableArn(table: string, naming: ResourceNaming): string {
  // Since 2024 a table may be named by its ARN as well as by its name.
  return table.startsWith('arn:') ? table : `arn:${naming.partition}:dynamodb:${naming.region}:${naming.accountId}:table/${table}`;
}

const tableNameOf = (table: string) => (table.startsWith('arn:') ? table.split(':table/')[1]?.split('/')[0] ?? table : table);

/** The partition key attribute of the table (or of the index a Query or Scan reads). */
function partitionKey(table: string, naming: ResourceNaming, indexName?: string): string | undefined {
  const keys = naming.tableKeys(tableNameOf(table));
  return indexName ? keys?.indexes[indexName] : keys?.partitionKey;
}

/** The context keys of one item-level access (the condition keys DynamoDB documents for fine-grained access). */
function itemContext(operation: string, body: Body, leadingKeys: (string | undefined)[], item?: unknown): RequiredAccess['context'] {
  const keys = leadingKeys.filter((k): k is string => k !== undefined);
  return {
    'dynamodb:LeadingKeys': keys.length ? [...new Set(keys)] : undefined,
    'dynamodb:Attributes': requestedAttributes(operation, body, item),
    'dynamodb:Select': text(body.Select),
    'dynamodb:ReturnValues': text(body.ReturnValues),
    'dynamodb:ReturnConsumedCapacity': text(body.ReturnConsumedCapacity),
  };
}

function itemAccess(operation: string, part: Body, naming: ResourceNaming, extra: Body = {}): RequiredAccess {
  const table = text(part.TableName);
  if (!table) throw new UnmappableRequest(`${operation} without a TableName`);
  const key = partitionKey(table, naming);
  const item = operation === 'PutItem' ? part.Item : part.Key;
  return {
    action: `dynamodb:${operation}`,
    resource: tableArn(table, naming),
    context: itemContext(operation, { ...extra, ...part }, [key ? partitionKeyOf(item, key) : undefined], part.Item),
  };
}

function readAccess(operation: 'Query' | 'Scan', body: Body, naming: ResourceNaming): RequiredAccess {
  const table = text(body.TableName);
  if (!table) throw new UnmappableRequest(`${operation} without a TableName`);
  const index = text(body.IndexName);
  const key = partitionKey(table, naming, index);
  return {
    action: `dynamodb:${operation}`,
    resource: index ? `${tableArn(table, naming)}/index/${index}` : tableArn(table, naming),
    context: itemContext(operation, body, [operation === 'Query' && key ? queriedPartitionKey(body, key) : undefined]),
  };
}

/** BatchGetItem and BatchWriteItem are IAM actions of their own, authorized once per table with all its items' keys. */
function batchAccess(operation: 'BatchGetItem' | 'BatchWriteItem', body: Body, naming: ResourceNaming): RequiredAccess[] {
  return Object.entries((body.RequestItems ?? {}) as Record<string, unknown>).map(([table, request]) => {
    const key = partitionKey(table, naming);
    if (operation === 'BatchGetItem') {
      const part = (request ?? {}) as Body;
      const keys = ((part.Keys ?? []) as unknown[]).map((k) => (key ? partitionKeyOf(k, key) : undefined));
      return { action: 'dynamodb:BatchGetItem', resource: tableArn(table, naming), context: itemContext('BatchGetItem', { ...body, ...part }, keys) };
    }
    const writes = (request ?? []) as { PutRequest?: { Item?: unknown }; DeleteRequest?: { Key?: unknown } }[];
    const keys = writes.map((w) => (key ? partitionKeyOf(w.PutRequest?.Item ?? w.DeleteRequest?.Key, key) : undefined));
    const attributes = [...new Set(writes.flatMap((w) => Object.keys((w.PutRequest?.Item ?? {}) as object)))];
    const context = { ...itemContext('BatchWriteItem', body, keys), 'dynamodb:Attributes': attributes.length ? attributes : undefined };
    return { action: 'dynamodb:BatchWriteItem', resource: tableArn(table, naming), context };
  });
}

/** Each part of a transaction is authorized as the item operation it is (Put → dynamodb:PutItem…). */
function transactionAccess(operation: 'TransactWriteItems' | 'TransactGetItems', body: Body, naming: ResourceNaming): RequiredAccess[] {
  return ((body.TransactItems ?? []) as Record<string, Body>[]).map((entry) => {
    const [kind, part] = Object.entries(entry)[0] ?? [];
    const action = operation === 'TransactGetItems' ? (kind === 'Get' ? 'GetItem' : undefined) : TRANSACT_WRITE_ACTIONS[kind ?? ''];
    if (!action || !part) throw new UnmappableRequest(`${operation} with a part "${kind}"`);
    return itemAccess(action, part, naming, { ReturnConsumedCapacity: body.ReturnConsumedCapacity });
  });
}

/**
 * DynamoDB and DynamoDB Streams: item operations on the table ARN, Query and Scan on an index as
 * `table/T/index/I`, each part of a transaction or batch on its own table with its own partition
 * keys, stream calls on the stream ARN. PartiQL (`ExecuteStatement`…) is refused: the runtime
 * would have to parse the statement to know the table.
 */
export const dynamoDbAccess: ServiceAccessMap = {
  service: 'dynamodb',
  targetPrefixes: ['DynamoDB_20120810', 'DynamoDBStreams_20120810'],
  accessDeniedType: 'com.amazon.coral.service#AccessDeniedException',
  contextKeys: ['dynamodb:LeadingKeys', 'dynamodb:Attributes', 'dynamodb:Select', 'dynamodb:ReturnValues', 'dynamodb:ReturnConsumedCapacity'],
  requiredAccess(operation, body, naming) {
    if (ITEM_OPERATIONS.has(operation)) return [itemAccess(operation, body, naming)];
    switch (operation) {
      case 'Query':
      case 'Scan':
        return [readAccess(operation, body, naming)];
      case 'BatchGetItem':
      case 'BatchWriteItem':
        return batchAccess(operation, body, naming);
      case 'TransactWriteItems':
      case 'TransactGetItems':
        return transactionAccess(operation, body, naming);
      case 'DescribeStream':
      case 'GetShardIterator': {
        const stream = text(body.StreamArn);
        if (!stream) throw new UnmappableRequest(`${operation} without a StreamArn`);
        return [{ action: `dynamodb:${operation}`, resource: stream }];
      }
      case 'GetRecords': {
        // DynamoDB Local's shard iterators carry the stream ARN; AWS's are opaque but it knows them.
        const stream = /arn:[^|"\s]+:table\/[^|"\s/]+\/stream\/[^|"\s]+/.exec(text(body.ShardIterator) ?? '')?.[0];
        if (!stream) throw new UnmappableRequest('GetRecords with a shard iterator that names no stream');
        return [{ action: 'dynamodb:GetRecords', resource: stream }];
      }
      case 'ExecuteStatement':
      case 'BatchExecuteStatement':
      case 'ExecuteTransaction':
        throw new UnmappableRequest(`${operation}: the local runtime does not read PartiQL statements to find their tables`);
      default: {
        if (ACCOUNT_OPERATIONS.has(operation)) return [{ action: `dynamodb:${operation}`, resource: '*' }];
        const table = text(body.TableName) ?? text(body.TableArn) ?? text(body.ResourceArn);
        if (!table) throw new UnmappableRequest(`${operation}: the local runtime cannot tell which table it concerns`);
        return [{ action: `dynamodb:${operation}`, resource: tableArn(table, naming) }];
      }
    }
  },
};
