import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A view listed by its owner or by its status: its table and the two indexes, each sorted by
 * `sortKey` (a time). With `everything`, an index where every row has the same partition value
 * (`key` = `value`), also sorted by `sortKey`: the unfiltered listing then queries it, newest first;
 * without, the unfiltered listing is a scan.
 */
export type OwnedView = {
  tableName: string;
  byOwner: { indexName: string; key: string };
  byStatus: { indexName: string };
  everything?: { indexName: string; key: string; value: string };
  sortKey: string;
};

/** The sort key's range of a listing, both ends included (ISO times compare as strings). */
export type TimeRange = { from?: string; to?: string };

/**
 * One page of a view listed by owner, by status, or both, newest first, within `range` of its
 * sort key: by owner it queries the owner's index (filtered by status, so a page can hold fewer
 * than `limit` while there is more); by status, the status index; with neither, the index of
 * everything if the view has one, else a scan (in table order, not by time; the range a filter).
 */
export async function ownerOrStatusPage(
  client: DynamoDBDocumentClient,
  view: OwnedView,
  filter: { owner?: string; status?: string; range?: TimeRange },
  page: { limit: number; startKey?: Record<string, unknown> },
): Promise<{ items: Record<string, unknown>[]; lastKey?: Record<string, unknown> }> {
  const { owner, status, range = {} } = filter;
  const within = rangeCondition(range);
  const rangeNames: Record<string, string> = within ? { '#sort': view.sortKey } : {};
  const partition = owner ? { indexName: view.byOwner.indexName, key: view.byOwner.key, value: owner } : status ? { indexName: view.byStatus.indexName, key: 'status', value: status } : view.everything;
  const result =
    !partition
      ? await client.send(
          new ScanCommand({
            TableName: view.tableName,
            Limit: page.limit,
            ExclusiveStartKey: page.startKey,
            ...(within ? { FilterExpression: within.expression, ExpressionAttributeNames: rangeNames, ExpressionAttributeValues: within.values } : {}),
          }),
        )
      : await client.send(
          new QueryCommand({
            TableName: view.tableName,
            IndexName: partition.indexName,
            KeyConditionExpression: ['#key = :key', ...(within ? [within.expression] : [])].join(' AND '),
            FilterExpression: owner && status ? '#status = :status' : undefined,
            ExpressionAttributeNames: { '#key': partition.key, ...(owner && status ? { '#status': 'status' } : {}), ...rangeNames },
            ExpressionAttributeValues: { ':key': partition.value, ...(owner && status ? { ':status': status } : {}), ...within?.values },
            ScanIndexForward: false,
            Limit: page.limit,
            ExclusiveStartKey: page.startKey,
          }),
        );
  return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey };
}

/** The condition on the sort key (`#sort`) a range asks for, if any. */
function rangeCondition({ from, to }: TimeRange): { expression: string; values: Record<string, string> } | undefined {
  if (from && to) return { expression: '#sort BETWEEN :from AND :to', values: { ':from': from, ':to': to } };
  if (from) return { expression: '#sort >= :from', values: { ':from': from } };
  if (to) return { expression: '#sort <= :to', values: { ':to': to } };
  return undefined;
}
