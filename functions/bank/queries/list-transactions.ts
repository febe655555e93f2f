import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { routeHandler } from '../../platform/http/api-handler';
import { json } from '../../platform/http/responses';
import { AccountId } from '../http/schemas';
import * as z from '../../platform/http/zod';
import { TRANSACTIONS_FEED } from '../projections/transaction-view';
import { decodeCursor, encodeCursor } from '../../platform/queries/cursor';
import { queryParameters } from '../../platform/queries/page-query';
import { PageQuery } from '../http/requests';
import { BANK_ENV } from '../contract/environment';

const client = documentClient();
const tableName = requireEnv(BANK_ENV.transactionsTable);
const byTime = requireEnv(BANK_ENV.transactionsByTimeIndex);

/** A page position in the index: the table's key and the index's. */
const Position = z.strictObject({ accountId: AccountId, seq: z.string().check(z.regex(/^\d{12}$/)), feed: z.literal(TRANSACTIONS_FEED), at: z.iso.datetime() });

/**
 * GET /transactions?limit=&cursor= (admins): every account's transactions, newest first, a page
 * at a time. A customer reads their own through `GET /accounts/{id}/transactions`.
 */
export const handler = routeHandler('admin', async (event) => {
  const { limit, cursor } = queryParameters(event, PageQuery);
  const scope = 'transactions';
  const page = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: byTime,
      KeyConditionExpression: 'feed = :feed',
      ExpressionAttributeValues: { ':feed': TRANSACTIONS_FEED },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, scope, Position),
    }),
  );
  return json(200, { items: page.Items ?? [], nextCursor: encodeCursor(page.LastEvaluatedKey, scope) });
});
