import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { routeHandler } from '../../platform/http/api-handler';
import { requestCaller } from '../../platform/http/caller';
import { pathParameter } from '../../platform/http/path-parameter';
import { json } from '../../platform/http/responses';
import { AccountId } from '../http/schemas';
import * as z from '../../platform/http/zod';
import { decodeCursor, encodeCursor } from '../../platform/queries/cursor';
import { queryParameters } from '../../platform/queries/page-query';
import { PageQuery } from '../http/requests';
import { readAccount } from './read-account';
import { BANK_ENV } from '../contract/environment';

const client = documentClient();
const accountsTable = requireEnv(BANK_ENV.accountsTable);
const transactionsTable = requireEnv(BANK_ENV.transactionsTable);

/**
 * GET /accounts/{id}/transactions?limit=&cursor=: what moved money on the account (deposits,
 * withdrawals, transfer legs), newest first, a page at a time; the caller's own account, or any
 * for an admin. A page leaves out the rows of events the view had to park, so it may hold fewer
 * than `limit` while nextCursor says there is more.
 */
export const handler = routeHandler('signed-in', async (event) => {
  const accountId = pathParameter(event, 'id', AccountId);
  const { limit, cursor } = queryParameters(event, PageQuery);
  await readAccount(client, accountsTable, accountId, requestCaller(event));
  const scope = `transactions:${accountId}`;
  const startKey = decodeCursor(cursor, scope, z.strictObject({ accountId: z.literal(accountId), seq: z.string().check(z.regex(/^\d{12}$/)) }));
  const page = await client.send(
    new QueryCommand({
      TableName: transactionsTable,
      KeyConditionExpression: 'accountId = :accountId',
      // A row standing for an event the view could not read (parked) is not a transaction.
      FilterExpression: 'attribute_not_exists(parked)',
      ExpressionAttributeValues: { ':accountId': accountId },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return json(200, { accountId, items: page.Items ?? [], nextCursor: encodeCursor(page.LastEvaluatedKey, scope) });
});
