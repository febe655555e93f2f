import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { allowedOwner } from '../domain';
import { documentClient } from '../../platform/clients';
import { requireEnv } from '../../platform/config';
import { routeHandler } from '../../platform/http/api-handler';
import { requestCaller } from '../../platform/http/caller';
import { HttpError } from '../../platform/http/problem';
import { json } from '../../platform/http/responses';
import { AccountId } from '../http/schemas';
import * as z from '../../platform/http/zod';
import { decodeCursor, encodeCursor } from '../../platform/queries/cursor';
import { queryParameters } from '../../platform/queries/page-query';
import { ListAccountsQuery } from '../http/requests';
import { BANK_ENV } from '../contract/environment';

const client = documentClient();
const tableName = requireEnv(BANK_ENV.accountsTable);
const byOwner = requireEnv(BANK_ENV.accountsByOwnerIndex);

/**
 * GET /accounts?ownerId=&limit=&cursor=, a page at a time: a customer gets their own accounts,
 * oldest first (asking for another's is a 403); an admin gets an owner's, or with no filter every
 * account (a scan: in table order).
 */
export const handler = routeHandler('signed-in', async (event) => {
  const { limit, cursor, ownerId: asked } = queryParameters(event, ListAccountsQuery);
  const allowed = allowedOwner(requestCaller(event), asked);
  if (!allowed) throw new HttpError(403, 'Forbidden', 'a customer can list only their own accounts: leave ownerId out (or give your own)');
  const { ownerId } = allowed;
  const scope = `accounts:${ownerId ?? ''}`;
  const position = ownerId ? z.strictObject({ accountId: AccountId, ownerId: z.literal(ownerId), openedAt: z.iso.datetime() }) : z.strictObject({ accountId: AccountId });
  const startKey = decodeCursor(cursor, scope, position);
  const page = ownerId
    ? await client.send(new QueryCommand({ TableName: tableName, IndexName: byOwner, KeyConditionExpression: 'ownerId = :owner', ExpressionAttributeValues: { ':owner': ownerId }, Limit: limit, ExclusiveStartKey: startKey }))
    : await client.send(new ScanCommand({ TableName: tableName, Limit: limit, ExclusiveStartKey: startKey }));
  return json(200, { items: page.Items ?? [], nextCursor: encodeCursor(page.LastEvaluatedKey, scope) });
});
