import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mayAccessOwned, type Caller } from '../domain';
import { readView, type ViewRow } from '../../platform/queries/read-view';

/** An account's row of the accounts view, if the caller may see it; a 404 as for a missing account otherwise. */
export function readAccount(client: DynamoDBDocumentClient, accountsTable: string, accountId: string, caller: Caller): Promise<ViewRow> {
  return readView(client, accountsTable, { accountId }, `account ${accountId}`, (row) => mayAccessOwned(caller, String(row.ownerId)));
}
