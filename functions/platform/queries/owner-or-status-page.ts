import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** A view listed by its owner or by its status: its table and the two indexes (each sorted by time). */
export type OwnedView = { tableName: string; byOwner: { indexName: string; key: string }; byStatus: { indexName: string } };

/**
 * One page of a view listed by owner, by status, or both, newest first: by owner it queries the
 * owner's index (filtered by status, so a page can hold fewer than `limit` while there is more);
 * by status, the status index; with neither, a scan (in table order, not by time).
 */
export async function ownerOrStatusPage(
  client: DynamoDBDocumentClient,
  view: OwnedView,
  filter: { owner?: string; status?: string },
  page: { limit: number; startKey?: Record<string, unknown> },
): Promise<{ items: Record<string, unknown>[]; lastKey?: Record<string, unknown> }> {
  const { owner, status } = filter;
  const result =
    !owner && !status
      ? await client.send(new ScanCommand({ TableName: view.tableName, Limit: page.limit, ExclusiveStartKey: page.startKey }))
      : await client.send(
          new QueryCommand({
            TableName: view.tableName,
            IndexName: owner ? view.byOwner.indexName : view.byStatus.indexName,
            KeyConditionExpression: owner ? '#owner = :key' : '#status = :key',
            FilterExpression: owner && status ? '#status = :status' : undefined,
            ExpressionAttributeNames: { ...(owner ? { '#owner': view.byOwner.key } : {}), ...(status ? { '#status': 'status' } : {}) },
            ExpressionAttributeValues: { ':key': owner ?? status, ...(owner && status ? { ':status': status } : {}) },
            ScanIndexForward: false,
            Limit: page.limit,
            ExclusiveStartKey: page.startKey,
          }),
        );
  return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey };
}
